using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PosFirmware.Tests.Guard;

/// <summary>Language constructs nanoFramework 1.x (or the house rules for shared code) exclude, found from the syntax alone.</summary>
public static class SyntaxBans
{
    public static void Inspect(SyntaxNode node, GuardContext context)
    {
        switch (node)
        {
            case QueryExpressionSyntax:
                context.Flag(node, "query expression", GuardReasons.Linq);
                break;
            case RecordDeclarationSyntax record:
                context.Flag(record.Identifier, "record " + record.Identifier.ValueText, GuardReasons.Records);
                break;
            case TupleExpressionSyntax or TupleTypeSyntax:
                context.Flag(node, "tuple", GuardReasons.Tuples);
                break;
            case ParenthesizedVariableDesignationSyntax or PositionalPatternClauseSyntax or ForEachVariableStatementSyntax:
                context.Flag(node, "deconstruction", GuardReasons.Tuples);
                break;
            case LockStatementSyntax:
                context.Flag(node, "lock statement", GuardReasons.Lock);
                break;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                context.Flag(node, "stackalloc", GuardReasons.Stackalloc);
                break;
            case RangeExpressionSyntax:
                context.Flag(node, "range", GuardReasons.Ranges);
                break;
            case PrefixUnaryExpressionSyntax when node.IsKind(SyntaxKind.IndexExpression):
                context.Flag(node, "index from end (^)", GuardReasons.Ranges);
                break;
            case ListPatternSyntax:
                context.Flag(node, "list pattern", GuardReasons.Ranges);
                break;
            case CatchFilterClauseSyntax:
                context.Flag(node, "catch when", GuardReasons.ExceptionFilter);
                break;
            case UnsafeStatementSyntax or FixedStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax:
                context.Flag(node, "unsafe code", GuardReasons.Unsafe);
                break;
            case AwaitExpressionSyntax:
                context.Flag(node, "await", GuardReasons.Async);
                break;
            case YieldStatementSyntax:
                context.Flag(node, "yield", GuardReasons.Iterators);
                break;
            case TypeParameterListSyntax:
                context.Flag(node, "generic declaration", GuardReasons.Generics);
                break;
            case CollectionExpressionSyntax:
                context.Flag(node, "collection expression", GuardReasons.CollectionExpressions);
                break;
            case AnonymousObjectCreationExpressionSyntax:
                context.Flag(node, "anonymous type", GuardReasons.AnonymousTypes);
                break;
            case CheckedExpressionSyntax when node.IsKind(SyntaxKind.CheckedExpression):
                context.Flag(node, "checked arithmetic", GuardReasons.Checked);
                break;
            case CheckedStatementSyntax when node.IsKind(SyntaxKind.CheckedStatement):
                context.Flag(node, "checked block", GuardReasons.Checked);
                break;
            case AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                context.Flag(lambda.AsyncKeyword, "async lambda", GuardReasons.Async);
                break;
            case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                context.Flag(forEach.AwaitKeyword, "await foreach", GuardReasons.Async);
                break;
            case UsingStatementSyntax usingStatement when usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                context.Flag(usingStatement.AwaitKeyword, "await using", GuardReasons.Async);
                break;
            case LocalDeclarationStatementSyntax local when local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                context.Flag(local.AwaitKeyword, "await using", GuardReasons.Async);
                break;
            case FileScopedNamespaceDeclarationSyntax:
                context.Flag(node, "file-scoped namespace", GuardReasons.FileScopedNamespace);
                break;
            case UsingDirectiveSyntax usingDirective when usingDirective.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword):
                context.Flag(node, "global using", GuardReasons.GlobalUsing);
                break;
        }
        if (node.IsKind(SyntaxKind.ExtensionBlockDeclaration))
        {
            context.Flag(node, "extension block", GuardReasons.ExtensionBlocks);
        }
        if (node is MemberDeclarationSyntax member)
        {
            InspectModifiers(member.Modifiers, context);
            if (member.Parent is InterfaceDeclarationSyntax && HasBodyOrIsStatic(member))
            {
                context.Flag(member, "interface member with a body", GuardReasons.DefaultInterfaceMember);
            }
        }
        if (node is LocalFunctionStatementSyntax localFunction)
        {
            InspectModifiers(localFunction.Modifiers, context);
        }
    }

    /// <summary>
    /// #if in shared code hides text from the guard (it sees only the net10 branch), and #nullable enable
    /// turns on annotations that firmware and drivers keep off.
    /// </summary>
    public static void InspectDirectives(SyntaxNode root, GuardContext context)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.IfDirectiveTrivia) || trivia.IsKind(SyntaxKind.ElifDirectiveTrivia))
            {
                context.Flag(trivia, "#if", GuardReasons.ConditionalCompilation);
            }
            else if (trivia.GetStructure() is NullableDirectiveTriviaSyntax nullable
                && nullable.SettingToken.IsKind(SyntaxKind.EnableKeyword))
            {
                context.Flag(trivia, "#nullable enable", GuardReasons.NullableContext);
            }
        }
    }

    private static void InspectModifiers(SyntaxTokenList modifiers, GuardContext context)
    {
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                context.Flag(modifier, "async method", GuardReasons.Async);
            }
            else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
            {
                context.Flag(modifier, "unsafe", GuardReasons.Unsafe);
            }
            else if (modifier.IsKind(SyntaxKind.RequiredKeyword))
            {
                context.Flag(modifier, "required member", GuardReasons.InitRequired);
            }
            else if (modifier.IsKind(SyntaxKind.VolatileKeyword))
            {
                context.Flag(modifier, "volatile field", GuardReasons.Volatile);
            }
        }
    }

    private static bool HasBodyOrIsStatic(MemberDeclarationSyntax member)
    {
        if (member.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return true;
        }
        return member switch
        {
            BaseMethodDeclarationSyntax method => method.Body is not null || method.ExpressionBody is not null,
            BasePropertyDeclarationSyntax property => HasAccessorBody(property),
            _ => false,
        };
    }

    private static bool HasAccessorBody(BasePropertyDeclarationSyntax property)
    {
        var expressionBody = property switch
        {
            PropertyDeclarationSyntax p => p.ExpressionBody,
            IndexerDeclarationSyntax i => i.ExpressionBody,
            _ => null,
        };
        return expressionBody is not null
            || (property.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) ?? false);
    }
}
