using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// What a declaration uses without naming it: the member an override overrides, and the base class's
/// parameterless constructor that a constructor without ": base(...)" (or a class without any) calls.
/// </summary>
public static class DeclarationRules
{
    public static void Inspect(MemberDeclarationSyntax member, GuardContext context)
    {
        switch (context.Model.GetDeclaredSymbol(member))
        {
            case IMethodSymbol { OverriddenMethod: { } overridden }:
                context.JudgeAt(member, FirstDeclaration(overridden, m => m.OverriddenMethod));
                break;
            case IPropertySymbol { OverriddenProperty: { } overridden }:
                context.JudgeAt(member, FirstDeclaration(overridden, p => p.OverriddenProperty));
                break;
            case IEventSymbol { OverriddenEvent: { } overridden }:
                context.JudgeAt(member, FirstDeclaration(overridden, e => e.OverriddenEvent));
                break;
            case INamedTypeSymbol { TypeKind: TypeKind.Class, IsStatic: false } type when member is TypeDeclarationSyntax:
                InspectImplicitBaseConstructors(member, type, context);
                break;
        }
    }

    /// <summary>
    /// An override is judged by the member that first declared it: a struct's ToString override overrides
    /// Object.ToString, whatever net10's ValueType adds in between.
    /// </summary>
    private static T FirstDeclaration<T>(T member, Func<T, T?> overridden) where T : class
    {
        while (overridden(member) is { } earlier)
        {
            member = earlier;
        }
        return member;
    }

    private static void InspectImplicitBaseConstructors(MemberDeclarationSyntax declaration, INamedTypeSymbol type, GuardContext context)
    {
        if (type.BaseType is not { } baseType)
        {
            return;
        }
        var baseConstructor = baseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared || constructor.DeclaringSyntaxReferences.Length == 0)
            {
                context.JudgeAt(declaration, baseConstructor);
                continue;
            }
            var syntax = constructor.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax is ConstructorDeclarationSyntax { Initializer: null } && syntax.SyntaxTree == declaration.SyntaxTree)
            {
                context.JudgeAt(syntax, baseConstructor);
            }
        }
    }
}
