using System;
using System.Linq;
using McpForge;
using McpForge.AspNetCore;
using McpForge.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using SecureServer;

// An MCP server that is an OAuth 2.1 resource server (see README.md in this folder and docs/authorization.md):
//   dotnet run --project samples/SecureServer -- --urls http://127.0.0.1:3002 --dev-issuer
// Without --dev-issuer, set Authentication:Authority (your identity provider) and Authentication:Resource.
var devIssuer = args.Contains("--dev-issuer");
var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--dev-issuer").ToArray());
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var urls = builder.Configuration["urls"] ?? "http://127.0.0.1:3002";
var baseUrl = urls.Split(';')[0].TrimEnd('/');
var resource = builder.Configuration["Authentication:Resource"] ?? baseUrl + "/mcp";   // the RFC 8707 audience
var issuer = devIssuer ? new DevelopmentIssuer(baseUrl) : null;

builder.Services.AddAuthentication().AddJwtBearer(jwt =>
{
    jwt.MapInboundClaims = false;
    if (issuer is not null)
    {
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            IssuerSigningKey = issuer.Key,
            ValidAudience = resource,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }
    else
    {
        jwt.Authority = builder.Configuration["Authentication:Authority"]
            ?? throw new InvalidOperationException("Set Authentication:Authority to your identity provider, or run with --dev-issuer.");
        jwt.TokenValidationParameters.ValidAudience = resource;
    }
});
builder.Services.AddAuthorization();
builder.Services.AddMcpServer("secure-notes", "1.0.0", mcp => mcp.AddGeneratedComponents());

var app = builder.Build();
app.MapMcp("/mcp", http => http.Authentication = new McpAuthenticationOptions
{
    Schemes = { JwtBearerDefaults.AuthenticationScheme },
    ResourceMetadata = new ProtectedResourceMetadata
    {
        Resource = resource,
        AuthorizationServers = { issuer?.Issuer ?? builder.Configuration["Authentication:Authority"]! },
        ScopesSupported = { "notes:read", "notes:write", "notes:admin" },
        ResourceName = "Secure notes",
    },
});
issuer?.Map(app, resource);
app.MapMcpHealth();
app.Run();
