using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>What the parser found for one <c>[McpTool]</c> method: its class, its tool (if usable) and any problems.</summary>
internal sealed record ToolMethodResult(ComponentTypeSpec? Type, ToolSpec? Tool, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Turns an <c>[McpTool]</c> method's symbols into specs, and its misuse into diagnostics. The one place that decides
/// what a valid tool is: the generator builds its tables from it (and skips what it rejects), and the analyzers
/// in analyzers/McpForge.Analyzers compile this same file to report what it rejects, so the two cannot disagree.
/// Nothing it returns refers to a symbol, a syntax node or the compilation.
/// </summary>
internal static class ToolParser
{
    public static ToolMethodResult Parse(IMethodSymbol method, AttributeData attribute, SyntaxNode declaration, Compilation compilation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (method.ContainingType is not { } type)
        {
            return new ToolMethodResult(null, null, EquatableArray<DiagnosticInfo>.Empty);
        }
        var methodLocation = method.Locations.FirstOrDefault();

        var typeSpec = ParseType(type, methodLocation, diagnostics, cancellationToken);
        var tool = ParseTool(method, attribute, declaration, compilation, diagnostics, cancellationToken);
        return new ToolMethodResult(typeSpec, diagnostics.Count == 0 ? tool : null, diagnostics.ToEquatableArray());
    }

    internal static ComponentTypeSpec? ParseType(INamedTypeSymbol type, Location? location, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var typeName = type.ToDisplayString();
        if (type.IsStatic || type.TypeKind != TypeKind.Class || type.IsGenericType)
        {
            var what = type.IsStatic ? "static" : type.TypeKind != TypeKind.Class ? "not a class" : "generic";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolType, type.Locations.FirstOrDefault() ?? location, typeName, what));
            return null;
        }

        var chain = new List<TypeDeclarationInfo>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ToolTypeNotPartial, current.Locations.FirstOrDefault() ?? location, current.ToDisplayString()));
                return null;
            }
            if (current.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolType, current.Locations.FirstOrDefault() ?? location, current.ToDisplayString(), "generic"));
                return null;
            }
            chain.Insert(0, new TypeDeclarationInfo(Keyword(current), current.Name));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var constructor = ChooseConstructor(type);
        return new ComponentTypeSpec
        {
            Hierarchy = new HierarchyInfo
            {
                Namespace = ns,
                Types = chain.ToEquatableArray(),
                FullyQualifiedName = SupportedTypes.FullName(type),
                HintName = (ns.Length > 0 ? ns + "." : string.Empty) + string.Join(".", chain.Select(t => t.Name)),
            },
            ConstructorServiceTypes = (constructor?.Parameters.Select(p => SupportedTypes.FullName(p.Type)) ?? Enumerable.Empty<string>()).ToEquatableArray(),
            IsDisposable = type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable),
            IsAsyncDisposable = type.AllInterfaces.Any(i => i.ToDisplayString() == TypeNames.IAsyncDisposable),
            Tools = EquatableArray<ToolSpec>.Empty,
        };
    }

    /// <summary>The constructor generated code calls for instance tools: the only one, or the public one with the most parameters.</summary>
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type)
    {
        var constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList();
        if (constructors.Count == 1) return constructors[0];
        return constructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault() ?? constructors.FirstOrDefault();
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type) =>
        (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            (false, TypeKind.Interface) => "interface",
            _ => "class",
        };

    private static ToolSpec? ParseTool(IMethodSymbol method, AttributeData attribute, SyntaxNode declaration, Compilation compilation,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var methodLocation = method.Locations.FirstOrDefault();
        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? methodLocation;

        // Name: the attribute's argument, or the method name in snake_case.
        var explicitName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var toolName = explicitName ?? ToolNames.FromMethodName(method.Name);
        if (!ToolNames.IsValid(toolName))
        {
            var nameLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
                ? syntax.ArgumentList.Arguments[0].GetLocation()
                : attributeLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolName, nameLocation, toolName));
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericToolMethod, methodLocation, toolName));
        }
        if (method.IsAsync && method.ReturnsVoid)
        {
            var returnTypeLocation = declaration is MethodDeclarationSyntax asyncVoid ? asyncVoid.ReturnType.GetLocation() : methodLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncVoidTool, returnTypeLocation, toolName));
            return null;
        }

        var docs = DocComments.For(method, declaration, cancellationToken);
        var model = new TypeModel(compilation, SerializationOptions.For(compilation), cancellationToken);
        var parameters = new List<ParameterSpec>();
        foreach (var parameter in method.Parameters)
        {
            var spec = ParseParameter(parameter, toolName, docs, diagnostics, model);
            if (spec is not null) parameters.Add(spec);
        }

        var returnType = method.ReturnType;
        var returnAnnotation = method.ReturnNullableAnnotation;
        var isAsync = false;
        if (returnType is INamedTypeSymbol named)
        {
            var definition = named.OriginalDefinition.ToDisplayString();
            if (definition == "System.Threading.Tasks.Task" || definition == "System.Threading.Tasks.ValueTask")
            {
                isAsync = true;
                returnType = compilation.GetSpecialType(SpecialType.System_Void);
            }
            else if (definition == "System.Threading.Tasks.Task<TResult>" || definition == "System.Threading.Tasks.ValueTask<TResult>")
            {
                isAsync = true;
                returnType = named.TypeArguments[0];
                returnAnnotation = named.TypeArgumentNullableAnnotations[0];
            }
        }
        var structuredOutput = NamedBool(attribute, "StructuredOutput") ?? true;
        var returns = method.ReturnsByRef || method.ReturnsByRefReadonly ? null
            : SupportedTypes.ClassifyReturn(returnType, isAsync, compilation, model, structuredOutput, returnAnnotation);
        if (returns is null)
        {
            var returnLocation = declaration is MethodDeclarationSyntax m ? m.ReturnType.GetLocation() : methodLocation;
            string? reason = null;
            if (!method.ReturnsByRef && !method.ReturnsByRefReadonly) model.Classify(SupportedTypes.NullableUnderlying(returnType) ?? returnType, out reason);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, returnLocation, toolName, method.ReturnType.ToDisplayString(),
                reason ?? "it has no JSON form"));
            return null;
        }

        // A hand-written schema must be a JSON object schema: checked here, so a typo is a build error, not a client's.
        string? inputSchema = null;
        if (NamedString(attribute, "InputSchema") is { } rawSchema)
        {
            var schemaLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list }
                && list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "InputSchema") is { } argument
                ? argument.GetLocation()
                : attributeLocation;
            inputSchema = JsonSyntax.TryCompact(rawSchema, out var schemaError);
            schemaError ??= inputSchema is null || !inputSchema.StartsWith("{") ? "it is not a JSON object"
                : !inputSchema.Contains("\"type\":\"object\"") ? "it has no \"type\": \"object\" (MCP requires an object schema for tool input)"
                : null;
            if (schemaError is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputSchema, schemaLocation, toolName, schemaError));
                return null;
            }
        }

        var location = declaration.GetLocation();
        return new ToolSpec
        {
            InputSchemaJson = inputSchema,
            Authorization = Authorization(method),
            MethodName = method.Name,
            ToolName = toolName,
            IsStatic = method.IsStatic,
            Title = NamedString(attribute, "Title"),
            Description = DescriptionAttribute(method.GetAttributes()) ?? docs.Summary,
            ReadOnlyHint = NamedBool(attribute, "ReadOnly"),
            DestructiveHint = NamedBool(attribute, "Destructive"),
            IdempotentHint = NamedBool(attribute, "Idempotent"),
            OpenWorldHint = NamedBool(attribute, "OpenWorld"),
            TimeoutMs = attribute.NamedArguments.FirstOrDefault(a => a.Key == "TimeoutMs").Value.Value is int ms && ms > 0 ? ms : null,
            TaskSupport = attribute.NamedArguments.FirstOrDefault(a => a.Key == "TaskSupport").Value.Value switch
            {
                1 => "Optional",
                2 => "Required",
                _ => null, // Forbidden, or a value outside the enum (MCPF0029)
            },
            Parameters = parameters.ToEquatableArray(),
            Return = returns with { Description = docs.Returns },
            Types = model.Objects,
            Order = location.SourceSpan.Start,
        };
    }

    private static ParameterSpec? ParseParameter(IParameterSymbol parameter, string toolName, DocComments docs, List<DiagnosticInfo> diagnostics,
        TypeModel model)
    {
        var location = parameter.Locations.FirstOrDefault();
        var name = SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;
        var typeName = SupportedTypes.FullName(parameter.Type);

        if (parameter.RefKind != RefKind.None || parameter.IsParams
            || parameter.Type.TypeKind == TypeKind.Pointer || parameter.Type.TypeKind == TypeKind.FunctionPointer)
        {
            var what = parameter.IsParams ? "'params'"
                : parameter.RefKind == RefKind.RefReadOnlyParameter ? "'ref readonly'"
                : parameter.RefKind != RefKind.None ? "'" + parameter.RefKind.ToString().ToLowerInvariant() + "'"
                : "pointer";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterKind, location, parameter.Name, toolName, what));
            return null;
        }

        if (ServerFilled(parameter, name, typeName, allowContext: true) is { } filled)
        {
            return filled;
        }

        var underlying = SupportedTypes.NullableUnderlying(parameter.Type);
        var value = model.ClassifySlot(parameter.Type, parameter.NullableAnnotation, out var nullable, out var problem);
        problem ??= value is null ? null : model.ReadProblem(value);
        if (value is null || problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, toolName, parameter.Type.ToDisplayString(),
                problem ?? "it has no JSON form"));
            return null;
        }

        string? defaultExpression = null, defaultJson = null;
        if (parameter.HasExplicitDefaultValue)
        {
            (defaultExpression, defaultJson) = Defaults(parameter, value);
        }

        return new ParameterSpec
        {
            Name = name,
            JsonName = parameter.Name,
            Kind = ParameterKind.Argument,
            // Nullable<T> already displays as T?; a nullable reference type needs its annotation added.
            TypeName = typeName + (nullable && underlying is null ? "?" : string.Empty),
            Value = value,
            IsNullable = nullable,
            DefaultExpression = defaultExpression,
            DefaultJson = defaultJson,
            Description = DescriptionAttribute(parameter.GetAttributes()) ?? docs.Param(parameter.Name),
            Constraints = Parsing.Constraints.Read(parameter, value),
        };
    }

    /// <summary>
    /// A scalar argument of a prompt or a resource template, which the protocol sends as a string and generated code
    /// converts. A <c>Nullable&lt;T&gt;</c> or nullable reference parameter may be absent; <c>Nullable&lt;T&gt;</c>
    /// already displays as <c>T?</c>, a nullable reference type needs its annotation added.
    /// </summary>
    internal static ParameterSpec ScalarArgument(IParameterSymbol parameter, string name, string typeName, ValueSpec value, ITypeSymbol? underlying)
    {
        var nullable = underlying is not null || (parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated);
        return new ParameterSpec
        {
            Name = name,
            JsonName = parameter.Name,
            Kind = ParameterKind.Argument,
            TypeName = typeName + (nullable && underlying is null ? "?" : string.Empty),
            Value = value,
            IsNullable = nullable,
            DefaultExpression = parameter.HasExplicitDefaultValue ? Defaults(parameter, value).Expression : null,
        };
    }

    /// <summary>
    /// A parameter the server fills rather than the client: <c>CancellationToken</c>, <c>IServiceProvider</c>, a
    /// <c>[FromServices]</c> service, and for tools <c>McpContext</c>. Null for an argument.
    /// </summary>
    internal static ParameterSpec? ServerFilled(IParameterSymbol parameter, string name, string typeName, bool allowContext)
    {
        if (parameter.RefKind != RefKind.None || parameter.IsParams) return null;
        ParameterSpec Special(ParameterKind kind) => new() { Name = name, JsonName = parameter.Name, Kind = kind, TypeName = typeName };
        var display = parameter.Type.ToDisplayString();
        if (display == TypeNames.CancellationToken) return Special(ParameterKind.CancellationToken);
        if (allowContext && display == TypeNames.McpContext) return Special(ParameterKind.Context);
        if (display == TypeNames.IServiceProvider) return Special(ParameterKind.ServiceProvider);
        return parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TypeNames.FromServicesAttribute)
            ? Special(ParameterKind.Service)
            : null;
    }

    /// <summary>The C# expression and the JSON of a parameter's default value.</summary>
    internal static (string Expression, string? Json) Defaults(IParameterSymbol parameter, ValueSpec value) =>
        ConstantDefaults(parameter.ExplicitDefaultValue, SupportedTypes.NullableUnderlying(parameter.Type) ?? parameter.Type, value.TypeName);

    /// <summary>The C# expression and the JSON of a constant of <paramref name="type"/> (a default value, a constant initializer).</summary>
    internal static (string Expression, string? Json) ConstantDefaults(object? constant, ITypeSymbol type, string typeName)
    {
        if (constant is null)
        {
            return ("default", null);
        }
        if (type.TypeKind == TypeKind.Enum)
        {
            var member = type.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, constant));
            var literal = Convert.ToString(constant, CultureInfo.InvariantCulture);
            var jsonName = member is null ? null
                : TypeModel.Attribute(member, TypeNames.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? member.Name;
            return ($"({typeName})({literal})", jsonName is null ? null : Json(jsonName));
        }
        switch (constant)
        {
            case string s:
                return (SymbolDisplay.FormatLiteral(s, quote: true), Json(s));
            case bool b:
                return (b ? "true" : "false", b ? "true" : "false");
            case char c:
                return (SymbolDisplay.FormatLiteral(c, quote: true), Json(c.ToString()));
            case float f when float.IsNaN(f) || float.IsInfinity(f):
                return ($"({typeName})(float.{(float.IsNaN(f) ? "NaN" : f > 0 ? "PositiveInfinity" : "NegativeInfinity")})", null);
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                return ($"({typeName})(double.{(double.IsNaN(d) ? "NaN" : d > 0 ? "PositiveInfinity" : "NegativeInfinity")})", null);
            case float f:
                return ($"({typeName})({f.ToString("R", CultureInfo.InvariantCulture)}f)", NumberJson(f.ToString("R", CultureInfo.InvariantCulture)));
            case double d:
                return ($"({typeName})({d.ToString("R", CultureInfo.InvariantCulture)}d)", NumberJson(d.ToString("R", CultureInfo.InvariantCulture)));
            case decimal m:
                return ($"({typeName})({m.ToString(CultureInfo.InvariantCulture)}m)", m.ToString(CultureInfo.InvariantCulture));
            default:
                var text = Convert.ToString(constant, CultureInfo.InvariantCulture) ?? "0";
                return ($"({typeName})({text})", text);
        }
    }

    private static string? NumberJson(string text) =>
        text.Contains("Infinity") || text.Contains("NaN") || text.Contains("∞") ? null : text;

    private static string Json(string s) => new JsonText().String(s).ToString();

    /// <summary>
    /// The <c>[McpAuthorize]</c>s of the method and of its containing types, combined (every scope and every policy must
    /// hold, as ASP.NET Core's <c>[Authorize]</c>s combine); null when there are none.
    /// </summary>
    internal static AuthorizationSpec? Authorization(IMethodSymbol method)
    {
        var scopes = new List<string>();
        var policies = new List<string>();
        var found = false;
        for (ISymbol? symbol = method; symbol is not null; symbol = symbol.ContainingType)
        {
            foreach (var attribute in symbol.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == TypeNames.McpAuthorizeAttribute))
            {
                found = true;
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array)
                {
                    foreach (var value in attribute.ConstructorArguments[0].Values)
                    {
                        if (value.Value is string scope && scope.Length > 0 && !scopes.Contains(scope)) scopes.Add(scope);
                    }
                }
                if (NamedString(attribute, "Policy") is { Length: > 0 } policy && !policies.Contains(policy)) policies.Add(policy);
            }
        }
        return found ? new AuthorizationSpec(scopes.ToEquatableArray(), policies.ToEquatableArray()) : null;
    }

    internal static string? DescriptionAttribute(IEnumerable<AttributeData> attributes) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == TypeNames.DescriptionAttribute)
            is { ConstructorArguments.Length: 1 } a ? a.ConstructorArguments[0].Value as string : null;

    internal static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static bool? NamedBool(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value) return value;
        }
        return null;
    }
}
