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

/// <summary>
/// Turns an <c>[McpTool]</c> method's symbols into a <see cref="ToolSpec"/>, and its misuse into diagnostics. The one
/// place that decides what a valid tool is: the generator builds its tables from it (and skips what it rejects), and
/// the analyzers in analyzers/McpForge.Analyzers compile this same file to report what it rejects, so the two cannot
/// disagree. Nothing it returns refers to a symbol, a syntax node or the compilation.
/// </summary>
internal static class ToolParser
{
    public static ComponentParse<ToolSpec> Parse(IMethodSymbol method, AttributeData attribute, SyntaxNode declaration, Compilation compilation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = ComponentTypeParser.Parse(method.ContainingType, compilation, diagnostics, cancellationToken);
        var tool = ParseTool(method, attribute, declaration, compilation, diagnostics, cancellationToken);
        return new ComponentParse<ToolSpec>(type, DiagnosticInfo.AnyError(diagnostics) ? null : tool, diagnostics.ToEquatableArray());
    }

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
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericComponentMethod, methodLocation, "Tool", toolName));
        }
        if (method.IsAsync && method.ReturnsVoid)
        {
            var returnTypeLocation = declaration is MethodDeclarationSyntax asyncVoid ? asyncVoid.ReturnType.GetLocation() : methodLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncVoidComponent, returnTypeLocation, "Tool", toolName));
            return null;
        }

        var docs = DocComments.For(declaration);
        var model = new TypeModel(compilation, cancellationToken);
        var parameters = new List<ParameterSpec>();
        foreach (var parameter in method.Parameters)
        {
            var spec = ParseParameter(parameter, toolName, docs, diagnostics, model);
            if (spec is not null) parameters.Add(spec);
        }
        CheckHeaderNamesUnique(method, parameters, toolName, diagnostics);

        var returnType = method.ReturnType;
        var returnAnnotation = method.ReturnNullableAnnotation;
        var isAsync = false;
        if (returnType is INamedTypeSymbol named)
        {
            if (named.Arity == 0 && (SymbolNames.Is(named, TypeNames.Task) || SymbolNames.Is(named, TypeNames.ValueTask)))
            {
                isAsync = true;
                returnType = compilation.GetSpecialType(SpecialType.System_Void);
            }
            else if (SymbolNames.IsGeneric(named, TypeNames.Task, 1) || SymbolNames.IsGeneric(named, TypeNames.ValueTask, 1))
            {
                isAsync = true;
                returnType = named.TypeArguments[0];
                returnAnnotation = named.TypeArgumentNullableAnnotations[0];
            }
        }
        var structuredOutput = AttributeArguments.NamedBool(attribute, "StructuredOutput") ?? true;
        var returns = method.ReturnsByRef || method.ReturnsByRefReadonly ? null
            : SupportedTypes.ClassifyReturn(returnType, isAsync, compilation, model, structuredOutput, returnAnnotation);
        // The DataAnnotations of the members of every type the tool reaches, at any depth.
        diagnostics.AddRange(model.AttributeProblems);
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
        if (AttributeArguments.NamedString(attribute, "InputSchema") is { } rawSchema)
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

        return new ToolSpec
        {
            InputSchemaJson = inputSchema,
            Authorization = AuthorizationParser.Parse(method),
            MethodName = method.Name,
            ToolName = toolName,
            IsStatic = method.IsStatic,
            Title = AttributeArguments.NamedString(attribute, "Title"),
            Description = AttributeArguments.Description(method.GetAttributes()) ?? docs.Summary,
            ReadOnlyHint = AttributeArguments.NamedBool(attribute, "ReadOnly"),
            DestructiveHint = AttributeArguments.NamedBool(attribute, "Destructive"),
            IdempotentHint = AttributeArguments.NamedBool(attribute, "Idempotent"),
            OpenWorldHint = AttributeArguments.NamedBool(attribute, "OpenWorld"),
            TimeoutMs = AttributeArguments.Named(attribute, "TimeoutMs") is int ms && ms > 0 ? ms : null,
            CacheHints = CacheHintsParser.Parse(attribute, "tool", toolName, diagnostics, cancellationToken),
            Icons = IconParser.Parse(method, "tool", toolName, diagnostics, cancellationToken),
            TaskSupport = AttributeArguments.Named(attribute, "TaskSupport") switch
            {
                1 => "Optional",
                2 => "Required",
                _ => null, // Forbidden, or a value outside the enum (MCPF0035)
            },
            Parameters = parameters.ToEquatableArray(),
            Return = returns with { Description = docs.Returns },
            Types = model.Objects,
            Order = DeclarationOrders.Of(declaration),
        };
    }

    private static ParameterSpec? ParseParameter(IParameterSymbol parameter, string toolName, DocComments docs, List<DiagnosticInfo> diagnostics,
        TypeModel model)
    {
        var location = parameter.Locations.FirstOrDefault();
        var name = ParameterParser.EscapedName(parameter);
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

        if (ParameterParser.ServerFilled(parameter, name, typeName, allowContext: true) is { } filled)
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
            (defaultExpression, defaultJson) = DefaultValues.Of(parameter, value);
        }

        var constraints = ValidationRules.Read(parameter.GetAttributes(), value, nullable, parameter.Type, SlotName.Parameter(parameter), diagnostics);
        var headerName = HeaderName(parameter, toolName, value, constraints, diagnostics);
        return new ParameterSpec
        {
            Name = name,
            JsonName = parameter.Name,
            Kind = ParameterKind.Argument,
            HeaderName = headerName,
            // Nullable<T> already displays as T?; a nullable reference type needs its annotation added.
            TypeName = typeName + (nullable && underlying is null ? "?" : string.Empty),
            Value = value,
            IsNullable = nullable,
            DefaultExpression = defaultExpression,
            DefaultJson = defaultJson,
            Description = AttributeArguments.Description(parameter.GetAttributes()) ?? docs.Param(parameter.Name),
            Constraints = constraints,
        };
    }

    /// <summary>The <c>[McpHeader]</c> name of an argument, with its problems (MCPF0029, MCPF0030) reported; null when it has none.</summary>
    private static string? HeaderName(IParameterSymbol parameter, string toolName, ValueSpec value, ConstraintSpec? constraints, List<DiagnosticInfo> diagnostics)
    {
        if (AttributeArguments.Find(parameter, TypeNames.McpHeaderAttribute) is not { } attribute) return null;
        var headerName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        if (HeaderRules.NameProblem(headerName) is { } nameProblem)
        {
            var location = syntax?.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].GetLocation() : syntax?.GetLocation();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHeaderName, location, headerName ?? "", parameter.Name, toolName, nameProblem));
            return null;
        }
        if (HeaderRules.TypeProblem(value, constraints) is { } typeProblem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHeaderParameter, syntax?.GetLocation(), parameter.Name, toolName, typeProblem));
            return null;
        }
        return headerName;
    }

    /// <summary>MCPF0031 on each parameter whose header name (ignoring case) an earlier parameter of the tool already has.</summary>
    private static void CheckHeaderNamesUnique(IMethodSymbol method, List<ParameterSpec> parameters, string toolName, List<DiagnosticInfo> diagnostics)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].HeaderName is not { } name) continue;
            for (var j = 0; j < i; j++)
            {
                if (parameters[j].HeaderName is { } earlier && HeaderRules.SameName(earlier, name))
                {
                    var symbol = method.Parameters.First(p => p.Name == parameters[i].JsonName);
                    var location = AttributeArguments.Find(symbol, TypeNames.McpHeaderAttribute)?.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax
                        { ArgumentList.Arguments.Count: > 0 } syntax ? syntax.ArgumentList.Arguments[0].GetLocation() : symbol.Locations.FirstOrDefault();
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateHeaderName, location, parameters[j].JsonName, parameters[i].JsonName, toolName, name));
                    break;
                }
            }
        }
    }
}
