using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Walks every node of one syntax tree. Language constructs nanoFramework 1.x lacks are found from the
/// syntax; everything the node refers to (the symbol it binds to, its type and converted type, a
/// user-defined conversion, foreach's enumerator, a collection initializer's Add, an implicit base
/// constructor, an overridden member) is handed to <see cref="SymbolRules"/>.
/// </summary>
public sealed partial class GuardWalker : CSharpSyntaxWalker
{
    private readonly SemanticModel _model;
    private readonly SymbolRules _rules;
    private readonly Action<Location, GuardFinding> _report;

    public GuardWalker(SemanticModel model, SymbolRules rules, Action<Location, GuardFinding> report)
    {
        _model = model;
        _rules = rules;
        _report = report;
    }

    [GeneratedRegex("^[DdXxNnFfGg][0-9]{0,2}$")]
    private static partial Regex SupportedFormat();

    public override void Visit(SyntaxNode? node)
    {
        if (node is null)
        {
            return;
        }
        InspectConstruct(node);
        InspectSymbols(node);
        base.Visit(node);
    }

    /// <summary>
    /// Checks directives: #if in shared code hides text from the guard, and #nullable enable turns on
    /// annotations that firmware and drivers keep off.
    /// </summary>
    public void InspectDirectives(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.IfDirectiveTrivia) || trivia.IsKind(SyntaxKind.ElifDirectiveTrivia))
            {
                _report(trivia.GetLocation(), new GuardFinding("#if", GuardReasons.ConditionalCompilation));
            }
            else if (trivia.GetStructure() is NullableDirectiveTriviaSyntax nullable
                && nullable.SettingToken.IsKind(SyntaxKind.EnableKeyword))
            {
                _report(trivia.GetLocation(), new GuardFinding("#nullable enable", GuardReasons.NullableContext));
            }
        }
    }

    private void Flag(SyntaxNode node, string subject, string reason) =>
        _report(node.GetLocation(), new GuardFinding(subject, reason));

    private void Flag(SyntaxToken token, string subject, string reason) =>
        _report(token.GetLocation(), new GuardFinding(subject, reason));

    private void JudgeAt(SyntaxNode node, ISymbol? symbol)
    {
        var finding = _rules.Judge(symbol);
        if (finding is not null)
        {
            _report(node.GetLocation(), finding.Value);
        }
    }

    private void InspectConstruct(SyntaxNode node)
    {
        switch (node)
        {
            case QueryExpressionSyntax:
                Flag(node, "query expression", GuardReasons.Linq);
                break;
            case RecordDeclarationSyntax record:
                Flag(record.Identifier, "record " + record.Identifier.ValueText, GuardReasons.Records);
                break;
            case TupleExpressionSyntax or TupleTypeSyntax:
                Flag(node, "tuple", GuardReasons.Tuples);
                break;
            case ParenthesizedVariableDesignationSyntax or PositionalPatternClauseSyntax or ForEachVariableStatementSyntax:
                Flag(node, "deconstruction", GuardReasons.Tuples);
                break;
            case LockStatementSyntax:
                Flag(node, "lock statement", GuardReasons.Lock);
                break;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                Flag(node, "stackalloc", GuardReasons.Stackalloc);
                break;
            case RangeExpressionSyntax:
                Flag(node, "range", GuardReasons.Ranges);
                break;
            case PrefixUnaryExpressionSyntax when node.IsKind(SyntaxKind.IndexExpression):
                Flag(node, "index from end (^)", GuardReasons.Ranges);
                break;
            case ListPatternSyntax:
                Flag(node, "list pattern", GuardReasons.Ranges);
                break;
            case CatchFilterClauseSyntax:
                Flag(node, "catch when", GuardReasons.ExceptionFilter);
                break;
            case UnsafeStatementSyntax or FixedStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax:
                Flag(node, "unsafe code", GuardReasons.Unsafe);
                break;
            case AwaitExpressionSyntax:
                Flag(node, "await", GuardReasons.Async);
                break;
            case YieldStatementSyntax:
                Flag(node, "yield", GuardReasons.Iterators);
                break;
            case TypeParameterListSyntax:
                Flag(node, "generic declaration", GuardReasons.Generics);
                break;
            case CollectionExpressionSyntax:
                Flag(node, "collection expression", GuardReasons.CollectionExpressions);
                break;
            case AnonymousObjectCreationExpressionSyntax:
                Flag(node, "anonymous type", GuardReasons.AnonymousTypes);
                break;
            case AccessorDeclarationSyntax accessor when accessor.IsKind(SyntaxKind.InitAccessorDeclaration):
                Flag(accessor.Keyword, "init accessor", GuardReasons.InitRequired);
                break;
            case AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                Flag(lambda.AsyncKeyword, "async lambda", GuardReasons.Async);
                break;
            case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                Flag(forEach.AwaitKeyword, "await foreach", GuardReasons.Async);
                break;
            case UsingStatementSyntax usingStatement:
                InspectUsing(node, usingStatement.AwaitKeyword);
                break;
            case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                InspectUsing(node, local.AwaitKeyword);
                break;
            case InterpolatedStringExpressionSyntax interpolated:
                InspectInterpolation(interpolated);
                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                InspectEnumConcatenation(binary);
                break;
            case InvocationExpressionSyntax invocation:
                InspectFormatArgument(invocation);
                break;
            case FileScopedNamespaceDeclarationSyntax:
                Flag(node, "file-scoped namespace", GuardReasons.FileScopedNamespace);
                break;
            case UsingDirectiveSyntax usingDirective when usingDirective.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword):
                Flag(node, "global using", GuardReasons.GlobalUsing);
                break;
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                foreach (var element in initializer.Expressions)
                {
                    JudgeAt(element, _model.GetCollectionInitializerSymbolInfo(element).Symbol);
                }
                break;
        }
        if (node.IsKind(SyntaxKind.ExtensionBlockDeclaration))
        {
            Flag(node, "extension block", GuardReasons.ExtensionBlocks);
        }
        if (node is CommonForEachStatementSyntax statement)
        {
            InspectForEach(statement);
        }
        if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax)
        {
            InspectModifiers(node);
        }
        if (node is MemberDeclarationSyntax member)
        {
            InspectDeclaredMember(member);
        }
    }

    private void InspectModifiers(SyntaxNode node)
    {
        var modifiers = node switch
        {
            MemberDeclarationSyntax m => m.Modifiers,
            LocalFunctionStatementSyntax f => f.Modifiers,
            _ => default,
        };
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                Flag(modifier, "async method", GuardReasons.Async);
            }
            else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
            {
                Flag(modifier, "unsafe", GuardReasons.Unsafe);
            }
            else if (modifier.IsKind(SyntaxKind.RequiredKeyword))
            {
                Flag(modifier, "required member", GuardReasons.InitRequired);
            }
        }
    }

    private void InspectDeclaredMember(MemberDeclarationSyntax member)
    {
        if (member.Parent is InterfaceDeclarationSyntax && HasBodyOrIsStatic(member))
        {
            Flag(member, "interface member with a body", GuardReasons.DefaultInterfaceMember);
        }
        // An override is judged by the member that first declared it (a struct's ToString override
        // overrides Object.ToString, whatever net10's ValueType adds in between).
        var declared = _model.GetDeclaredSymbol(member);
        switch (declared)
        {
            case IMethodSymbol { OverriddenMethod: { } overridden }:
                while (overridden.OverriddenMethod is { } earlier)
                {
                    overridden = earlier;
                }
                JudgeAt(member, overridden);
                break;
            case IPropertySymbol { OverriddenProperty: { } overridden }:
                while (overridden.OverriddenProperty is { } earlier)
                {
                    overridden = earlier;
                }
                JudgeAt(member, overridden);
                break;
            case IEventSymbol { OverriddenEvent: { } overridden }:
                while (overridden.OverriddenEvent is { } earlier)
                {
                    overridden = earlier;
                }
                JudgeAt(member, overridden);
                break;
            case INamedTypeSymbol { TypeKind: TypeKind.Class, IsStatic: false } type when member is TypeDeclarationSyntax:
                InspectImplicitBaseConstructors(member, type);
                break;
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
            PropertyDeclarationSyntax property => property.ExpressionBody is not null
                || (property.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) ?? false),
            IndexerDeclarationSyntax indexer => indexer.ExpressionBody is not null
                || (indexer.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) ?? false),
            EventDeclarationSyntax => true,
            _ => false,
        };
    }

    /// <summary>
    /// A constructor without ": base(...)" (or a class with no constructor at all) calls the base
    /// class's parameterless constructor, which no syntax node shows.
    /// </summary>
    private void InspectImplicitBaseConstructors(MemberDeclarationSyntax declaration, INamedTypeSymbol type)
    {
        if (type.BaseType is not { } baseType)
        {
            return;
        }
        foreach (var constructor in type.InstanceConstructors)
        {
            bool implicitBaseCall = constructor.IsImplicitlyDeclared
                || constructor.DeclaringSyntaxReferences.Any(r =>
                    r.GetSyntax() is ConstructorDeclarationSyntax { Initializer: null });
            if (!implicitBaseCall)
            {
                continue;
            }
            var baseConstructor = baseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
            var at = constructor.IsImplicitlyDeclared || constructor.DeclaringSyntaxReferences.Length == 0
                ? declaration
                : constructor.DeclaringSyntaxReferences[0].GetSyntax();
            if (at.SyntaxTree == declaration.SyntaxTree)
            {
                JudgeAt(at, baseConstructor);
            }
        }
    }

    private void InspectUsing(SyntaxNode node, SyntaxToken awaitKeyword)
    {
        if (awaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            Flag(awaitKeyword, "await using", GuardReasons.Async);
            return;
        }
        var disposable = _model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        JudgeAt(node, disposable.GetMembers("Dispose").FirstOrDefault());
    }

    private void InspectForEach(CommonForEachStatementSyntax forEach)
    {
        var collectionType = _model.GetTypeInfo(forEach.Expression).Type;
        if (collectionType?.SpecialType == SpecialType.System_String)
        {
            Flag(forEach.Expression, "foreach over string", GuardReasons.ForeachString);
            return;
        }
        if (collectionType is IArrayTypeSymbol)
        {
            return; // compiled to an index loop: no enumerator is called
        }
        var info = _model.GetForEachStatementInfo(forEach);
        JudgeAt(forEach.Expression, info.GetEnumeratorMethod);
        JudgeAt(forEach.Expression, info.MoveNextMethod);
        JudgeAt(forEach.Expression, info.CurrentProperty);
        JudgeAt(forEach.Expression, info.DisposeMethod);
        if (info.ElementConversion.IsUserDefined)
        {
            JudgeAt(forEach.Expression, info.ElementConversion.MethodSymbol);
        }
    }

    private void InspectInterpolation(InterpolatedStringExpressionSyntax interpolated)
    {
        var conversion = _model.GetConversion(interpolated);
        if (conversion.IsInterpolatedStringHandler)
        {
            Flag(interpolated, "interpolated string handler", GuardReasons.InterpolationHandler);
        }
        foreach (var hole in interpolated.Contents.OfType<InterpolationSyntax>())
        {
            if (hole.FormatClause is { } format && !SupportedFormat().IsMatch(format.FormatStringToken.ValueText))
            {
                Flag(format, "format \"" + format.FormatStringToken.ValueText + "\"", GuardReasons.InterpolationFormat);
            }
            if (_model.GetTypeInfo(hole.Expression).Type?.TypeKind == TypeKind.Enum)
            {
                Flag(hole.Expression, "enum in interpolated string", GuardReasons.EnumInString);
            }
        }
    }

    /// <summary>
    /// nanoFramework formats numbers with the standard specifiers D, X, N, F and G only: a constant format
    /// passed to a number's ToString(string) or to String.Format is checked like an interpolation's.
    /// </summary>
    private void InspectFormatArgument(InvocationExpressionSyntax invocation)
    {
        if (_model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method
            || invocation.ArgumentList.Arguments.Count == 0
            || method.Parameters.Length == 0
            || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }
        var first = invocation.ArgumentList.Arguments[0].Expression;
        if (_model.GetConstantValue(first) is not { HasValue: true, Value: string text })
        {
            return;
        }
        if (method.Name == "ToString" && method.Parameters.Length == 1 && IsNumeric(method.ContainingType))
        {
            if (text.Length > 0 && !SupportedFormat().IsMatch(text))
            {
                Flag(first, "format \"" + text + "\"", GuardReasons.InterpolationFormat);
            }
        }
        else if (method.Name == "Format" && method.ContainingType.SpecialType == SpecialType.System_String)
        {
            foreach (var format in CompositeFormat.ItemFormats(text))
            {
                if (format.Length > 0 && !SupportedFormat().IsMatch(format))
                {
                    Flag(first, "format \"" + format + "\"", GuardReasons.InterpolationFormat);
                }
            }
        }
    }

    private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double;

    private void InspectEnumConcatenation(BinaryExpressionSyntax binary)
    {
        var left = _model.GetTypeInfo(binary.Left).Type;
        var right = _model.GetTypeInfo(binary.Right).Type;
        bool withString = left?.SpecialType == SpecialType.System_String || right?.SpecialType == SpecialType.System_String;
        if (withString && (left?.TypeKind == TypeKind.Enum || right?.TypeKind == TypeKind.Enum))
        {
            Flag(binary, "enum concatenated to a string", GuardReasons.EnumInString);
        }
    }

    private void InspectSymbols(SyntaxNode node)
    {
        if (node is not (ExpressionSyntax or ConstructorInitializerSyntax or AttributeSyntax or PrimaryConstructorBaseTypeSyntax))
        {
            return;
        }
        var symbol = _model.GetSymbolInfo(node).Symbol;
        if (symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol))
        {
            JudgeAt(node, symbol);
        }
        if (node is not ExpressionSyntax expression)
        {
            return;
        }
        var typeInfo = _model.GetTypeInfo(expression);
        // A name that refers to a variable or member carries that declaration's type, judged where declared.
        if (symbol is not (ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol or IRangeVariableSymbol))
        {
            JudgeAt(node, typeInfo.Type);
        }
        if (!SymbolEqualityComparer.Default.Equals(typeInfo.Type, typeInfo.ConvertedType))
        {
            JudgeAt(node, typeInfo.ConvertedType);
        }
        var conversion = _model.GetConversion(expression);
        if (conversion.IsUserDefined)
        {
            JudgeAt(node, conversion.MethodSymbol);
        }
    }
}
