using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Walks every node of one syntax tree. Constructs are judged by <see cref="SyntaxBans"/>, declarations by
/// <see cref="DeclarationRules"/>, text formatting by <see cref="TextFormattingRules"/>; everything a node
/// refers to (the symbol it binds to, its type and converted type, a user-defined conversion) and what
/// the compiler calls for it without a name (foreach's enumerator, a collection initializer's Add, using's
/// Dispose) goes to <see cref="SymbolRules"/>.
/// </summary>
public sealed class GuardWalker : CSharpSyntaxWalker
{
    private readonly GuardContext _context;

    public GuardWalker(GuardContext context)
    {
        _context = context;
    }

    /// <summary>Checks a whole tree: its directives, then every node.</summary>
    public void InspectTree(SyntaxNode root)
    {
        SyntaxBans.InspectDirectives(root, _context);
        Visit(root);
    }

    public override void Visit(SyntaxNode? node)
    {
        if (node is null)
        {
            return;
        }
        SyntaxBans.Inspect(node, _context);
        TextFormattingRules.Inspect(node, _context);
        if (node is MemberDeclarationSyntax member)
        {
            DeclarationRules.Inspect(member, _context);
        }
        InspectImplicitCalls(node);
        InspectSymbols(node);
        base.Visit(node);
    }

    private void InspectImplicitCalls(SyntaxNode node)
    {
        switch (node)
        {
            case CommonForEachStatementSyntax forEach:
                InspectForEach(forEach);
                break;
            case UsingStatementSyntax:
            case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                var disposable = _context.Model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
                _context.JudgeAt(node, disposable.GetMembers("Dispose").FirstOrDefault());
                break;
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                foreach (var element in initializer.Expressions)
                {
                    _context.JudgeAt(element, _context.Model.GetCollectionInitializerSymbolInfo(element).Symbol);
                }
                break;
        }
    }

    private void InspectForEach(CommonForEachStatementSyntax forEach)
    {
        var collectionType = _context.Model.GetTypeInfo(forEach.Expression).Type;
        if (collectionType?.SpecialType == SpecialType.System_String)
        {
            // The compiler lowers foreach over a string to a loop over Length and the indexer.
            var stringType = (INamedTypeSymbol)collectionType;
            _context.JudgeAt(forEach.Expression, stringType.GetMembers("Length").FirstOrDefault());
            _context.JudgeAt(forEach.Expression, stringType.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => p.IsIndexer));
            return;
        }
        if (collectionType is IArrayTypeSymbol)
        {
            return; // compiled to an index loop: no enumerator is called
        }
        var info = _context.Model.GetForEachStatementInfo(forEach);
        _context.JudgeAt(forEach.Expression, info.GetEnumeratorMethod);
        _context.JudgeAt(forEach.Expression, info.MoveNextMethod);
        _context.JudgeAt(forEach.Expression, info.CurrentProperty);
        _context.JudgeAt(forEach.Expression, info.DisposeMethod);
        if (info.ElementConversion.IsUserDefined)
        {
            _context.JudgeAt(forEach.Expression, info.ElementConversion.MethodSymbol);
        }
    }

    private static bool IsEnumerableInterface(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named
        && (named.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T
            || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));

    private void InspectSymbols(SyntaxNode node)
    {
        if (node is not (ExpressionSyntax or ConstructorInitializerSyntax or AttributeSyntax or PrimaryConstructorBaseTypeSyntax))
        {
            return;
        }
        var model = _context.Model;
        var symbol = model.GetSymbolInfo(node).Symbol;
        if (symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol))
        {
            _context.JudgeAt(node, symbol);
        }
        if (node is not ExpressionSyntax expression)
        {
            return;
        }
        var typeInfo = model.GetTypeInfo(expression);
        // A name that refers to a variable or member carries that declaration's type, judged where declared.
        if (symbol is not (ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol or IRangeVariableSymbol))
        {
            _context.JudgeAt(node, typeInfo.Type);
        }
        if (!SymbolEqualityComparer.Default.Equals(typeInfo.Type, typeInfo.ConvertedType))
        {
            _context.JudgeAt(node, typeInfo.ConvertedType);
            if (typeInfo.Type?.SpecialType == SpecialType.System_String && IsEnumerableInterface(typeInfo.ConvertedType))
            {
                _context.Flag(node, "string as IEnumerable", GuardReasons.StringAsEnumerable);
            }
        }
        if (expression is CastExpressionSyntax cast
            && model.GetTypeInfo(cast.Expression).Type?.SpecialType == SpecialType.System_String
            && IsEnumerableInterface(typeInfo.Type))
        {
            _context.Flag(node, "string as IEnumerable", GuardReasons.StringAsEnumerable);
        }
        var conversion = model.GetConversion(expression);
        if (conversion.IsUserDefined)
        {
            _context.JudgeAt(node, conversion.MethodSymbol);
        }
    }
}
