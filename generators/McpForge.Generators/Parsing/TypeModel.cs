using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
/// Turns the types of a signature into <see cref="ValueSpec"/>s, discovering every user record, class and struct they
/// reach (<see cref="Objects"/>). One instance per parsed member; it remembers the objects it has seen, so recursive
/// and shared types are described once. When a type cannot be serialized it says why, in words for a diagnostic.
/// </summary>
internal sealed class TypeModel
{
    private readonly Compilation? _compilation;
    private readonly ParseCache? _cache;
    private readonly SerializationOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, ObjectSpec> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _attributeProblems = new();
    private int _depth;

    /// <summary>
    /// A model of the types of <paramref name="compilation"/>, with its serialization options, sharing finished
    /// classifications with every other model of that compilation (<see cref="ParseCache"/>). Without a compilation it
    /// classifies built-in types only, with the default options.
    /// </summary>
    public TypeModel(Compilation? compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cache = compilation is null ? null : ParseCache.For(compilation);
        _options = _cache?.Options ?? SerializationOptions.None;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The validation attributes on members of the types classified so far that are not enforced (<see cref="ValidationRules"/>):
    /// misapplied, with arguments that cannot be checked, or not checked by McpForge.
    /// </summary>
    public IReadOnlyList<DiagnosticInfo> AttributeProblems => _attributeProblems;

    /// <summary>Every object type classified so far, sorted by type name.</summary>
    public EquatableArray<ObjectSpec> Objects => _objects.Count switch
    {
        0 => EquatableArray<ObjectSpec>.Empty, // most tools take and return scalars only
        _ => _objects.Values.OrderBy(o => o.TypeName, StringComparer.Ordinal).ToEquatableArray(),
    };

    /// <summary>
    /// The value held by a slot of <paramref name="type"/> (a parameter, a property, an element): its shape and whether it
    /// may be null (<c>Nullable&lt;T&gt;</c> or an annotated reference type). Null, with <paramref name="problem"/>, when it
    /// cannot be serialized.
    /// </summary>
    public ValueSpec? ClassifySlot(ITypeSymbol type, NullableAnnotation annotation, out bool nullable, out string? problem)
    {
        nullable = false;
        if (SupportedTypes.NullableUnderlying(type) is { } underlying)
        {
            type = underlying;
            nullable = true;
        }
        else if (type.IsReferenceType && annotation == NullableAnnotation.Annotated)
        {
            nullable = true;
        }
        return Classify(type, out problem);
    }

    /// <summary>The shape of <paramref name="type"/> (not <c>Nullable&lt;T&gt;</c>), or null with the reason it has none.</summary>
    public ValueSpec? Classify(ITypeSymbol type, out string? problem)
    {
        // A classification started here, not from inside another, depends on nothing in progress, and neither does
        // one that reaches no object (a scalar, a list of strings): both are shared with the whole compilation.
        if (_cache is not null && _cache.Types.TryGetValue(type, out var known) && (_depth == 0 || known.Objects.Count == 0))
        {
            foreach (var spec in known.Objects) _objects[spec.TypeName] = spec;
            _attributeProblems.AddRange(known.AttributeProblems);
            problem = known.Problem;
            return known.Value;
        }

        var problemsBefore = _attributeProblems.Count;
        _depth++;
        ValueSpec? value;
        try
        {
            value = ClassifyCore(type, out problem);
        }
        finally
        {
            _depth--;
        }
        if (value is not null && value.IsValueType != type.IsValueType) value = value with { IsValueType = type.IsValueType };
        if (_cache is not null && (_depth == 0 || !ReachesObject(value)))
        {
            var problems = _attributeProblems.Count == problemsBefore ? Array.Empty<DiagnosticInfo>()
                : (IReadOnlyList<DiagnosticInfo>)_attributeProblems.GetRange(problemsBefore, _attributeProblems.Count - problemsBefore);
            _cache.Types.TryAdd(type, new ClassifiedType(value, problem, value is null || !ReachesObject(value) ? Array.Empty<ObjectSpec>() : Reached(value), problems));
        }
        return value;
    }

    /// <summary>
    /// <paramref name="value"/>, or an element of it, is an object, whose spec may still be in progress; a type that failed
    /// inside another may have failed because of it, so it is not shared either.
    /// </summary>
    private static bool ReachesObject(ValueSpec? value)
    {
        if (value is null) return true;
        for (var v = value; v is not null; v = v.Element)
        {
            if (v.Kind == ValueKind.Object) return true;
        }
        return false;
    }

    /// <summary>The object types <paramref name="value"/> reaches through elements and members, itself included.</summary>
    private List<ObjectSpec> Reached(ValueSpec value)
    {
        var reached = new List<ObjectSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<ValueSpec>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next.Element is not null) pending.Push(next.Element);
            if (next.Kind != ValueKind.Object || !seen.Add(next.TypeName) || !_objects.TryGetValue(next.TypeName, out var spec)) continue;
            reached.Add(spec);
            foreach (var member in spec.Members) pending.Push(member.Value);
        }
        return reached;
    }

    private ValueSpec? ClassifyCore(ITypeSymbol type, out string? problem)
    {
        problem = null;
        var name = SupportedTypes.FullName(type);
        ValueSpec Simple(ValueKind kind) => new() { Kind = kind, TypeName = name };
        ValueSpec Integer(string min, string max) => new() { Kind = ValueKind.Integer, TypeName = name, Minimum = min, Maximum = max };

        if (_options.ContextTypeName is { } context && _options.ContextTypes.Contains(SupportedTypes.MatchName(type)))
        {
            return new ValueSpec { Kind = ValueKind.External, TypeName = name, Id = TypeIds.For(type, name), ContextTypeName = context };
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Simple(ValueKind.String);
            case SpecialType.System_Boolean: return Simple(ValueKind.Boolean);
            case SpecialType.System_Char: return Simple(ValueKind.Char);
            case SpecialType.System_SByte: return Integer("-128", "127");
            case SpecialType.System_Byte: return Integer("0", "255");
            case SpecialType.System_Int16: return Integer("-32768", "32767");
            case SpecialType.System_UInt16: return Integer("0", "65535");
            case SpecialType.System_Int32: return Integer("-2147483648", "2147483647");
            case SpecialType.System_UInt32: return Integer("0", "4294967295");
            case SpecialType.System_Int64: return Integer("-9223372036854775808", "9223372036854775807");
            case SpecialType.System_UInt64: return Integer("0", "18446744073709551615");
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return Simple(ValueKind.Number);
            case SpecialType.System_DateTime: return Simple(ValueKind.DateTime);
            case SpecialType.System_Object: problem = "'object' has no shape to describe or check; use a concrete type, or JsonElement for any JSON"; return null;
        }

        switch (name)
        {
            case "global::System.Int128":
            case "global::System.UInt128":
                return Simple(ValueKind.Integer);
            case "global::System.Half": return Simple(ValueKind.Number);
            case "global::System.Guid": return Simple(ValueKind.Guid);
            case "global::System.DateTimeOffset": return Simple(ValueKind.DateTimeOffset);
            case "global::System.DateOnly": return Simple(ValueKind.DateOnly);
            case "global::System.TimeOnly": return Simple(ValueKind.TimeOnly);
            case "global::System.TimeSpan": return Simple(ValueKind.TimeSpan);
            case "global::System.Uri": return Simple(ValueKind.Uri);
            case "global::" + TypeNames.JsonElement: return Simple(ValueKind.JsonElement);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return Enum(type, name);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                problem = "multi-dimensional arrays have no JSON form; use an array of arrays";
                return null;
            }
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Simple(ValueKind.Bytes);
            }
            return Collection(ValueKind.Array, type, name, array.ElementType, array.ElementNullableAnnotation, out problem);
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic && SymbolNames.Is(generic.ContainingNamespace, "System.Collections.Generic"))
        {
            switch (generic.Name, generic.Arity)
            {
                case ("List" or "IList" or "ICollection" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection", 1):
                    return Collection(ValueKind.List, type, name, generic.TypeArguments[0], generic.TypeArgumentNullableAnnotations[0], out problem);
                case ("HashSet" or "ISet" or "IReadOnlySet", 1):
                    return Collection(ValueKind.Set, type, name, generic.TypeArguments[0], generic.TypeArgumentNullableAnnotations[0], out problem);
                case ("Dictionary" or "IDictionary" or "IReadOnlyDictionary", 2):
                    if (generic.TypeArguments[0].SpecialType != SpecialType.System_String)
                    {
                        problem = "a dictionary is a JSON object, so its keys must be strings";
                        return null;
                    }
                    return Collection(ValueKind.Dictionary, type, name, generic.TypeArguments[1], generic.TypeArgumentNullableAnnotations[1], out problem);
            }
        }

        return Object(type, name, out problem);
    }

    private static ValueSpec Enum(ITypeSymbol type, string name)
    {
        var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).ToList();
        var owners = new HashSet<object?>();
        var values = fields.Select(f => new EnumMemberSpec(
            f.Name,
            AttributeArguments.Find(f, TypeNames.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? f.Name,
            AttributeArguments.Description(f.GetAttributes()),
            owners.Add(f.ConstantValue))).ToEquatableArray();
        return new ValueSpec
        {
            Kind = ValueKind.Enum,
            TypeName = name,
            Id = TypeIds.For(type, name),
            EnumMembers = fields.Select(f => f.Name).ToEquatableArray(),
            EnumValues = values,
        };
    }

    private ValueSpec? Collection(ValueKind kind, ITypeSymbol type, string name, ITypeSymbol elementType, NullableAnnotation annotation, out string? problem)
    {
        var element = ClassifySlot(elementType, annotation, out var nullable, out problem);
        if (element is null)
        {
            return null;
        }
        var slot = element.TypeName + (nullable ? "?" : string.Empty);
        return new ValueSpec
        {
            Kind = kind,
            TypeName = name,
            Id = TypeIds.For(type, name),
            Element = element,
            ElementNullable = nullable,
            ConcreteTypeName = kind switch
            {
                ValueKind.Set => $"global::System.Collections.Generic.HashSet<{slot}>",
                ValueKind.Dictionary => $"global::System.Collections.Generic.Dictionary<string, {slot}>",
                _ => $"global::System.Collections.Generic.List<{slot}>",
            },
            // Only list kinds get here besides arrays, all of System.Collections.Generic.
            IsIndexable = kind == ValueKind.Array || (kind == ValueKind.List && type.Name is "List" or "IList" or "IReadOnlyList"),
        };
    }

    /// <summary>A user record, class or struct, described once (recursive references stop at the type name).</summary>
    private ValueSpec? Object(ITypeSymbol type, string name, out string? problem)
    {
        problem = null;
        var id = TypeIds.For(type, name);
        var value = new ValueSpec { Kind = ValueKind.Object, TypeName = name, Id = id };
        if (_objects.ContainsKey(name) || _inProgress.Contains(name))
        {
            return value;
        }
        if (_failures.TryGetValue(name, out problem))
        {
            return null;
        }
        problem = WhyNotAnObject(type);
        if (problem is null)
        {
            _inProgress.Add(name);
            var spec = BuildObject((INamedTypeSymbol)type, name, id, out problem);
            _inProgress.Remove(name);
            if (spec is not null)
            {
                _objects[name] = spec;
                return value;
            }
        }
        _failures[name] = problem!;
        return null;
    }

    private string? WhyNotAnObject(ITypeSymbol type)
    {
        // Built only for the message of a type that is refused.
        string display() => type.ToDisplayString();
        if (type is not INamedTypeSymbol named || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return type.TypeKind switch
            {
                TypeKind.Interface => $"'{display()}' is an interface, which has no constructor to read it with; use a concrete type",
                TypeKind.Delegate => $"'{display()}' is a delegate, which is code, not data",
                TypeKind.TypeParameter => $"'{display()}' is a type parameter",
                _ => $"'{display()}' has no JSON form",
            };
        }
        if (named.IsTupleType) return $"'{display()}' is a tuple, whose element names do not survive compilation; use a record";
        if (RootNamespace(named) is "System" or "Microsoft")
        {
            return $"'{display()}' is a framework type McpForge does not serialize";
        }
        if (named.IsAbstract) return $"'{display()}' is abstract; use a concrete type, or route it through your JsonSerializerContext (see [assembly: McpSerialization(JsonContext = ...)])";
        if (named.IsRefLikeType) return $"'{display()}' is a ref struct, which cannot be stored";
        for (INamedTypeSymbol? t = named; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return $"'{display()}' is not accessible to generated code; make it (and the types containing it) public or internal";
            }
        }
        foreach (var attribute in new[] { TypeNames.JsonConverterAttribute, TypeNames.JsonPolymorphicAttribute, TypeNames.JsonDerivedTypeAttribute })
        {
            if (AttributeArguments.Find(type, attribute) is not null)
            {
                var shortName = attribute.Substring(attribute.LastIndexOf('.') + 1).Replace("Attribute", "");
                return $"'{display()}' has [{shortName}], which generated code cannot follow; list it in your JsonSerializerContext (see [assembly: McpSerialization(JsonContext = ...)])";
            }
        }
        return null;
    }

    private ObjectSpec? BuildObject(INamedTypeSymbol type, string name, string id, out string? problem)
    {
        problem = null;
        string display() => type.ToDisplayString(); // for messages only
        var typeDocs = DocComments.For(type, _cancellationToken);

        // Properties of the most derived type first, then of its bases, as System.Text.Json orders them.
        var properties = new List<IPropertySymbol>();
        HashSet<string>? seen = null; // needed only from the first base type on: a type's own property names are unique
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            if (!ReferenceEquals(current, type) && seen is null)
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var own in properties) seen.Add(own.Name);
            }
            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } field && AttributeArguments.Find(field, TypeNames.JsonIncludeAttribute) is not null)
                {
                    problem = $"'{display()}.{field.Name}' is a field; McpForge serializes properties, so make it a property";
                    return null;
                }
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property) continue;
                if (seen is not null && !seen.Add(property.Name)) continue; // overridden or hidden: the most derived one counts
                if (property.ReturnsByRef || property.ReturnsByRefReadonly) continue;
                if (Ignored(property)) continue;
                if (AttributeArguments.Find(property, TypeNames.JsonExtensionDataAttribute) is not null)
                {
                    problem = $"'{display()}.{property.Name}' is [JsonExtensionData], which generated code does not fill; route the type through your JsonSerializerContext";
                    return null;
                }
                if (AttributeArguments.Find(property, TypeNames.JsonConverterAttribute) is not null)
                {
                    problem = $"'{display()}.{property.Name}' has [JsonConverter], which generated code cannot follow; route the type through your JsonSerializerContext";
                    return null;
                }
                properties.Add(property);
            }
        }

        var (constructor, readProblem) = ChooseConstructor(type);
        var parameters = constructor?.Parameters ?? ImmutableParameters.Empty;
        var byParameter = new Dictionary<IPropertySymbol, IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var parameter in parameters)
        {
            var match = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                readProblem ??= $"constructor parameter '{parameter.Name}' of '{display()}' matches no public property, so JSON cannot fill it";
                continue;
            }
            if (!SymbolEqualityComparer.Default.Equals(match.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)))
            {
                readProblem ??= $"constructor parameter '{parameter.Name}' of '{display()}' has type '{parameter.Type.ToDisplayString()}', but its property has '{match.Type.ToDisplayString()}'";
                continue;
            }
            byParameter[match] = parameter;
        }

        var members = new List<(MemberSpec Member, int Order, int Index)>();
        foreach (var property in properties)
        {
            byParameter.TryGetValue(property, out var parameter);
            var value = ClassifySlot(property.Type, parameter?.NullableAnnotation ?? property.NullableAnnotation, out var nullable, out var memberProblem);
            if (value is null)
            {
                problem = $"'{display()}.{property.Name}': {memberProblem}";
                return null;
            }
            var jsonName = JsonName(property, parameter);
            if (members.Exists(m => m.Member.JsonName == jsonName))
            {
                problem = $"two properties of '{display()}' are both named '{jsonName}' in JSON";
                return null;
            }
            members.Add((Member(type, property, parameter, value, nullable, jsonName, typeDocs), Order(property), members.Count));
        }

        if (members.Count == 0)
        {
            problem = $"'{display()}' has no public properties, so it would always be the empty object";
            return null;
        }

        var unknown = AttributeArguments.Find(type, TypeNames.JsonUnmappedMemberHandlingAttribute)?.ConstructorArguments.FirstOrDefault().Value is int handling
            ? handling == 1 ? UnknownMembers.Disallow : UnknownMembers.Skip
            : UnknownMembers.AsConfigured;

        return new ObjectSpec
        {
            TypeName = name,
            Id = id,
            DisplayName = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            Description = AttributeArguments.Description(type.GetAttributes()) ?? typeDocs.Summary,
            IsValueType = type.IsValueType,
            Members = InJsonOrder(members),
            ReadProblem = readProblem,
            UnknownMembers = unknown,
            ConstructorArity = readProblem is null ? parameters.Length : 0,
        };
    }

    /// <summary>The members by <c>[JsonPropertyOrder]</c>, then in declaration order, as System.Text.Json orders them.</summary>
    private static EquatableArray<MemberSpec> InJsonOrder(List<(MemberSpec Member, int Order, int Index)> members)
    {
        if (members.Exists(m => m.Order != 0)) members.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Index.CompareTo(b.Index));
        var ordered = ImmutableArray.CreateBuilder<MemberSpec>(members.Count);
        foreach (var member in members) ordered.Add(member.Member);
        return new EquatableArray<MemberSpec>(ordered.MoveToImmutable());
    }

    private MemberSpec Member(INamedTypeSymbol type, IPropertySymbol property, IParameterSymbol? parameter, ValueSpec value, bool nullable,
        string jsonName, DocComments typeDocs)
    {
        var attributes = parameter is null ? property.GetAttributes() : property.GetAttributes().AddRange(parameter.GetAttributes());
        var setter = property.SetMethod is { DeclaredAccessibility: Accessibility.Public } s ? s : null;
        var initializer = Initializer(property);

        string? defaultExpression = null, defaultJson = null;
        MemberBinding binding;
        if (parameter is not null)
        {
            binding = MemberBinding.Constructor;
            if (parameter.HasExplicitDefaultValue)
            {
                (defaultExpression, defaultJson) = DefaultValues.Of(parameter, value);
            }
        }
        else if (property.IsRequired)
        {
            binding = MemberBinding.Initializer;
        }
        else if (setter is null)
        {
            binding = MemberBinding.ReadOnly;
        }
        else if (!setter.IsInitOnly)
        {
            binding = MemberBinding.Setter;
            if (initializer is { } constant) (_, defaultJson) = constant;
        }
        else if (initializer is { } constant)
        {
            binding = MemberBinding.Initializer;
            (defaultExpression, defaultJson) = constant;
        }
        else
        {
            // An init property without an initializer starts at default; one with a computed initializer keeps it
            // unless the JSON has a value, which only an accessor can set after construction.
            binding = HasInitializer(property) ? MemberBinding.InitAccessor : MemberBinding.Initializer;
        }

        var required = (parameter is not null && !parameter.HasExplicitDefaultValue)
            || property.IsRequired
            || AttributeArguments.Find(attributes, TypeNames.JsonRequiredAttribute) is not null || AttributeArguments.Find(attributes, TypeNames.RequiredAttribute) is not null;
        if (binding == MemberBinding.ReadOnly) required = false;

        defaultJson = DefaultValueAttribute(attributes, value) ?? defaultJson;

        var docs = DocComments.For(property, _cancellationToken);
        var ignore = AttributeArguments.Find(property, TypeNames.JsonIgnoreAttribute);
        var condition = ignore?.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value.Value is int c
            ? c switch { 2 => WriteCondition.WhenNotDefault, 3 => WriteCondition.WhenNotNull, _ => WriteCondition.Always }
            : WriteCondition.Always;

        var name = SyntaxFacts.GetKeywordKind(property.Name) != SyntaxKind.None ? "@" + property.Name : property.Name;
        return new MemberSpec
        {
            Name = name,
            JsonName = jsonName,
            Value = value,
            IsNullable = nullable,
            Binding = binding,
            ConstructorPosition = parameter?.Ordinal ?? -1,
            IsRequired = required,
            DefaultExpression = defaultExpression,
            DefaultJson = defaultJson,
            Description = AttributeArguments.Description(attributes) ?? docs.Summary ?? typeDocs.Param(parameter?.Name ?? property.Name),
            Title = Title(attributes),
            Constraints = ValidationRules.Read(attributes, value, nullable, property.Type, SlotName.Property(property, type), _attributeProblems),
            CanWrite = property.GetMethod is { DeclaredAccessibility: Accessibility.Public },
            WriteCondition = condition,
        };
    }

    private string JsonName(IPropertySymbol property, IParameterSymbol? parameter)
    {
        var explicitName = (AttributeArguments.Find(property, TypeNames.JsonPropertyNameAttribute) ?? (parameter is null ? null : AttributeArguments.Find(parameter, TypeNames.JsonPropertyNameAttribute)))
            ?.ConstructorArguments.FirstOrDefault().Value as string;
        return explicitName ?? JsonNaming.Convert(property.Name, _options.Naming);
    }

    private static int Order(IPropertySymbol property) =>
        AttributeArguments.Find(property, TypeNames.JsonPropertyOrderAttribute)?.ConstructorArguments.FirstOrDefault().Value is int order ? order : 0;

    private static bool Ignored(IPropertySymbol property)
    {
        var ignore = AttributeArguments.Find(property, TypeNames.JsonIgnoreAttribute);
        if (ignore is null) return false;
        // JsonIgnoreCondition: Never = 0, Always = 1, WhenWritingDefault = 2, WhenWritingNull = 3; no condition means Always.
        var condition = ignore.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value.Value;
        return condition is null or 1;
    }

    /// <summary>
    /// The constructor a reader calls: <c>[JsonConstructor]</c>; else for a class its public parameterless one, or its
    /// only public one; for a struct its only public constructor with parameters, or the default. Null, with the
    /// reason, when there is none (the type can still be written).
    /// </summary>
    private static (IMethodSymbol? Constructor, string? Problem) ChooseConstructor(INamedTypeSymbol type)
    {
        // Loops, not LINQ: this runs for every object type a tool reaches.
        IMethodSymbol? marked = null, parameterless = null, parameterized = null;
        var markedCount = 0;
        var parameterizedCount = 0;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (AttributeArguments.Find(constructor, TypeNames.JsonConstructorAttribute) is not null)
            {
                marked = constructor;
                markedCount++;
            }
            if (constructor.DeclaredAccessibility != Accessibility.Public) continue;
            var parameters = constructor.Parameters;
            if (type.IsRecord && parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(parameters[0].Type, type)) continue; // the copy constructor
            if (parameters.Length == 0)
            {
                parameterless ??= constructor;
            }
            else
            {
                parameterized = constructor;
                parameterizedCount++;
            }
        }
        if (markedCount == 1)
        {
            return marked!.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
                ? (marked, null)
                : (null, $"the [JsonConstructor] of '{type.ToDisplayString()}' is not accessible to generated code");
        }
        if (type.IsValueType)
        {
            return parameterizedCount == 1 ? (parameterized, null) : (null, null);
        }
        if (parameterless is not null) return (parameterless, null);
        if (parameterizedCount == 1) return (parameterized, null);
        return (null, parameterizedCount == 0
            ? $"'{type.ToDisplayString()}' has no public constructor"
            : $"'{type.ToDisplayString()}' has several public constructors; mark the one to read it with [JsonConstructor]");
    }

    /// <summary>A property initializer that is a constant: its C# expression and JSON; null when there is none or it is computed.</summary>
    private (string Expression, string? Json)? Initializer(IPropertySymbol property)
    {
        if (_compilation is null || InitializerSyntax(property) is not { } expression) return null;
        var model = _compilation.GetSemanticModel(expression.SyntaxTree);
        var constant = model.GetConstantValue(expression, _cancellationToken);
        if (!constant.HasValue) return null;
        var type = SupportedTypes.NullableUnderlying(property.Type) ?? property.Type;
        return DefaultValues.OfConstant(constant.Value, type, SupportedTypes.FullName(type));
    }

    private bool HasInitializer(IPropertySymbol property) => InitializerSyntax(property) is not null;

    private ExpressionSyntax? InitializerSyntax(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is PropertyDeclarationSyntax { Initializer.Value: { } value }) return value;
        }
        return null;
    }

    private static string? DefaultValueAttribute(ImmutableArray<AttributeData> attributes, ValueSpec value)
    {
        var attribute = AttributeArguments.Find(attributes, TypeNames.DefaultValueAttribute);
        if (attribute is not { ConstructorArguments.Length: 1 }) return null;
        var argument = attribute.ConstructorArguments[0];
        if (argument.Kind == TypedConstantKind.Array)
        {
            var items = argument.Values.Select(ConstantJson).ToList();
            return items.Any(i => i is null) ? null : "[" + string.Join(",", items) + "]";
        }
        return ConstantJson(argument);
    }

    /// <summary>An attribute argument as JSON (an enum constant by its member's name on the wire).</summary>
    private static string? ConstantJson(TypedConstant constant)
    {
        if (constant.IsNull) return "null";
        if (constant.Type is { TypeKind: TypeKind.Enum } enumType)
        {
            var member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, constant.Value));
            if (member is null) return null;
            var jsonName = AttributeArguments.Find(member, TypeNames.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? member.Name;
            return new JsonText().String(jsonName).ToString();
        }
        return constant.Value switch
        {
            string s => new JsonText().String(s).ToString(),
            bool b => b ? "true" : "false",
            char ch => new JsonText().String(ch.ToString()).ToString(),
            double d => double.IsNaN(d) || double.IsInfinity(d) ? null : d.ToString("R", CultureInfo.InvariantCulture),
            float f => float.IsNaN(f) || float.IsInfinity(f) ? null : f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string? Title(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (SymbolNames.IsAttribute(attribute, TypeNames.DisplayNameAttribute) && attribute.ConstructorArguments.Length == 1)
            {
                return attribute.ConstructorArguments[0].Value as string;
            }
            if (SymbolNames.IsAttribute(attribute, TypeNames.DisplayAttribute) && AttributeArguments.NamedString(attribute, "Name") is { } name)
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>The outermost namespace of <paramref name="type"/> (<c>System</c> for <c>System.IO.Stream</c>), or null in the global one.</summary>
    private static string? RootNamespace(INamedTypeSymbol type)
    {
        INamespaceSymbol? root = null;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace) root = ns;
        return root?.Name;
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot be read from JSON (an object it reaches has no usable constructor), or null.
    /// Writing needs no constructor, so return values never fail here.
    /// </summary>
    public string? ReadProblem(ValueSpec value)
    {
        if (!ReachesObject(value)) return null;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Walk(value);

        string? Walk(ValueSpec v)
        {
            if (v.Element is not null) return Walk(v.Element);
            if (v.Kind != ValueKind.Object || !visited.Add(v.TypeName) || !_objects.TryGetValue(v.TypeName, out var spec)) return null;
            if (spec.ReadProblem is not null) return spec.ReadProblem;
            foreach (var member in spec.Members)
            {
                if (member.CanRead && Walk(member.Value) is { } problem) return problem;
            }
            return null;
        }
    }

    private static class ImmutableParameters
    {
        public static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> Empty = System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;
    }
}
