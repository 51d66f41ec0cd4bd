using Microsoft.CodeAnalysis;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Judges one symbol: allowed if the checked sources declare it (subject to the bans) or if its
/// documentation comment ID is in the allowlist; otherwise the finding says why. Results are cached
/// per symbol because the same few hundred symbols are met thousands of times.
/// </summary>
public sealed class SymbolRules
{
    private readonly Compilation _compilation;
    private readonly NanoApiAllowlist? _allowlist;
    private readonly Dictionary<ISymbol, GuardFinding?> _cache = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Rules for sources compiled against the net10 reference assemblies, judged by the allowlist; with no
    /// allowlist, rules for sources compiled against nanoFramework's own assemblies (the device adapters),
    /// where the compiler has already proved every symbol exists and only what compiles but misbehaves on
    /// the device is judged: generics (declared by mscorlib 1.17 but not run by the 1.x runtime) and
    /// String.GetEnumerator (declared, but it throws).
    /// </summary>
    public SymbolRules(Compilation compilation, NanoApiAllowlist? allowlist)
    {
        _compilation = compilation;
        _allowlist = allowlist;
    }

    /// <summary>A finding for the symbol, or null when nanoFramework 1.x has it and the rules allow it.</summary>
    public GuardFinding? Judge(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }
        if (_cache.TryGetValue(symbol, out var cached))
        {
            return cached;
        }
        var finding = _allowlist is null ? JudgeOnDevice(symbol) : symbol switch
        {
            IAliasSymbol alias => Judge(alias.Target),
            INamespaceSymbol ns => JudgeNamespace(ns),
            ITypeSymbol type => JudgeType(type),
            IMethodSymbol method => JudgeMethod(method),
            IPropertySymbol or IFieldSymbol or IEventSymbol => JudgeMember(symbol),
            _ => null,
        };
        _cache[symbol] = finding;
        return finding;
    }

    private GuardFinding? JudgeOnDevice(ISymbol symbol)
    {
        switch (symbol)
        {
            case INamedTypeSymbol type when IsGeneric(type):
                return new GuardFinding(type.OriginalDefinition.ToDisplayString(), GuardReasons.Generics);
            case IMethodSymbol { IsGenericMethod: true } method:
                return new GuardFinding(method.OriginalDefinition.ToDisplayString(), GuardReasons.Generics);
            case IMethodSymbol { Name: "GetEnumerator", ContainingType.SpecialType: SpecialType.System_String }:
                return new GuardFinding("M:System.String.GetEnumerator", GuardReasons.StringAsEnumerable);
            case IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol when symbol.ContainingType is { } containing && IsGeneric(containing):
                return new GuardFinding(containing.OriginalDefinition.ToDisplayString(), GuardReasons.Generics);
            default:
                return null;
        }
    }

    private GuardFinding? JudgeNamespace(INamespaceSymbol ns)
    {
        if (ns.IsGlobalNamespace || ns.Locations.Any(l => l.IsInSource))
        {
            return null;
        }
        var name = ns.ToDisplayString();
        if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            return new GuardFinding("N:" + name, GuardReasons.Linq);
        }
        if (name == "System.Threading.Tasks" || name.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal))
        {
            return new GuardFinding("N:" + name, GuardReasons.Async);
        }
        return _allowlist!.HasNamespace(name) ? null : new GuardFinding("N:" + name, GuardReasons.NotInAllowlist);
    }

    private GuardFinding? JudgeType(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                if (array.Rank > 1)
                {
                    return new GuardFinding(array.ToDisplayString(), GuardReasons.MultidimensionalArrays);
                }
                return Judge(array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return new GuardFinding(type.ToDisplayString(), GuardReasons.Unsafe);
            case ITypeParameterSymbol parameter:
                return new GuardFinding("type parameter " + parameter.Name, GuardReasons.Generics);
        }
        if (type.TypeKind == TypeKind.Dynamic)
        {
            return new GuardFinding("dynamic", GuardReasons.Dynamic);
        }
        if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error || type.SpecialType == SpecialType.System_Void)
        {
            return null;
        }
        if (named.IsTupleType)
        {
            return new GuardFinding(named.ToDisplayString(), GuardReasons.Tuples);
        }
        if (named.IsAnonymousType)
        {
            return new GuardFinding(named.ToDisplayString(), GuardReasons.AnonymousTypes);
        }
        var definition = named.OriginalDefinition;
        var id = definition.GetDocumentationCommentId() ?? definition.ToDisplayString();
        var policy = BannedApis.PolicyForType(id) ?? ReasonForNamespace(definition.ContainingNamespace);
        if (policy is not null)
        {
            return new GuardFinding(id, policy);
        }
        if (IsGeneric(named))
        {
            return new GuardFinding(id, GuardReasons.Generics);
        }
        if (IsDeclaredInSources(definition))
        {
            return null;
        }
        return _allowlist!.Contains(id) ? null : new GuardFinding(id, BannedApis.ReasonForMissing(id));
    }

    private GuardFinding? JudgeMethod(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        if (method.MethodKind is MethodKind.BuiltinOperator or MethodKind.AnonymousFunction)
        {
            return null;
        }
        var policy = BannedApis.PolicyForMember(method.OriginalDefinition.GetDocumentationCommentId() ?? "");
        if (policy is not null)
        {
            return new GuardFinding(method.OriginalDefinition.GetDocumentationCommentId()!, policy);
        }
        if (method.ContainingType is { } containingType && !IsDeclaredInSources(method))
        {
            var typeFinding = Judge(containingType);
            if (typeFinding is not null)
            {
                return typeFinding;
            }
        }
        if (method.IsGenericMethod)
        {
            var id = method.OriginalDefinition.GetDocumentationCommentId() ?? method.ToDisplayString();
            // A generic overload the allowlist names explicitly is one that nano's compiler resolves to a
            // non-generic overload instead (Array.IndexOf<T>(T[], T) → IndexOf(Array, object)).
            if (!IsDeclaredInSources(method) && _allowlist!.Contains(id))
            {
                return null;
            }
            return new GuardFinding(method.MethodKind == MethodKind.LocalFunction ? "local function " + method.Name : id, GuardReasons.Generics);
        }
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return null;
        }
        return JudgeMember(method);
    }

    private GuardFinding? JudgeMember(ISymbol member)
    {
        var definition = member.OriginalDefinition;
        var id = definition.GetDocumentationCommentId() ?? definition.ToDisplayString();
        var policy = BannedApis.PolicyForMember(id);
        if (policy is not null)
        {
            return new GuardFinding(id, policy);
        }
        if (member.ContainingType is { } containingType)
        {
            var typeFinding = Judge(containingType);
            if (typeFinding is not null)
            {
                return typeFinding;
            }
        }
        if (IsDeclaredInSources(definition))
        {
            return null;
        }
        return _allowlist!.Contains(id) ? null : new GuardFinding(id, BannedApis.ReasonForMissing(id));
    }

    private static string? ReasonForNamespace(INamespaceSymbol? ns)
    {
        var name = ns?.ToDisplayString() ?? "";
        if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            return GuardReasons.Linq;
        }
        if (name == "System.Threading.Tasks" || name.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal))
        {
            return GuardReasons.Async;
        }
        return null;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                return true;
            }
        }
        return false;
    }

    private bool IsDeclaredInSources(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);
}
