using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Turning values into text. nanoFramework's compiler lowers $"..." and string + value to String.Format
/// and String.Concat, which call each value's ToString; its number formatting knows the standard
/// specifiers D, X, N, F and G only; enums print their number (net10 prints the name).
/// </summary>
public static partial class TextFormattingRules
{
    [GeneratedRegex("^[DdXxNnFfGg][0-9]{0,2}$")]
    private static partial Regex SupportedFormat();

    public static void Inspect(SyntaxNode node, GuardContext context)
    {
        switch (node)
        {
            case InterpolatedStringExpressionSyntax interpolated:
                InspectInterpolation(interpolated, context);
                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                InspectConcatenation(binary.Left, binary.Right, context);
                break;
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression):
                InspectConcatenation(assignment.Left, assignment.Right, context);
                break;
            case InvocationExpressionSyntax invocation:
                InspectFormatArgument(invocation, context);
                InspectEnumsPassedAsObject(invocation, context);
                break;
        }
    }

    private static void InspectInterpolation(InterpolatedStringExpressionSyntax interpolated, GuardContext context)
    {
        if (context.Model.GetConversion(interpolated).IsInterpolatedStringHandler)
        {
            context.Flag(interpolated, "interpolated string handler", GuardReasons.InterpolationHandler);
        }
        foreach (var hole in interpolated.Contents.OfType<InterpolationSyntax>())
        {
            if (hole.FormatClause is { } format)
            {
                CheckFormat(format, format.FormatStringToken.ValueText, context);
            }
            InspectImplicitToString(hole.Expression, context);
        }
    }

    private static void InspectConcatenation(ExpressionSyntax left, ExpressionSyntax right, GuardContext context)
    {
        if (context.Model.GetTypeInfo(left).Type?.SpecialType == SpecialType.System_String
            || context.Model.GetTypeInfo(right).Type?.SpecialType == SpecialType.System_String)
        {
            InspectImplicitToString(left, context);
            InspectImplicitToString(right, context);
        }
    }

    /// <summary>A constant format given to a number's ToString(string) or to String.Format is checked like an interpolation's.</summary>
    private static void InspectFormatArgument(InvocationExpressionSyntax invocation, GuardContext context)
    {
        if (context.Model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method
            || invocation.ArgumentList.Arguments.Count == 0
            || method.Parameters.Length == 0
            || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }
        var first = invocation.ArgumentList.Arguments[0].Expression;
        if (context.Model.GetConstantValue(first) is not { HasValue: true, Value: string text })
        {
            return;
        }
        if (method.Name == "ToString" && method.Parameters.Length == 1 && IsNumber(method.ContainingType))
        {
            CheckFormat(first, text, context);
        }
        else if (method.Name == "Format" && method.ContainingType.SpecialType == SpecialType.System_String)
        {
            foreach (var format in CompositeFormat.ItemFormats(text))
            {
                CheckFormat(first, format, context);
            }
        }
    }

    /// <summary>
    /// An enum boxed to object and formatted by the callee (String.Format, String.Concat, StringBuilder.Append,
    /// AppendFormat or Insert, or object's ToString called on it) prints differently on the two platforms.
    /// </summary>
    private static void InspectEnumsPassedAsObject(InvocationExpressionSyntax invocation, GuardContext context)
    {
        if (context.Model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
        {
            return;
        }
        if (method.Name == "ToString" && invocation.Expression is MemberAccessExpressionSyntax access
            && StripBoxing(access.Expression, context.Model) is var receiver && receiver != access.Expression
            && context.Model.GetTypeInfo(receiver).Type?.TypeKind == TypeKind.Enum)
        {
            context.Flag(receiver, "enum passed as object to ToString", GuardReasons.EnumAsObject);
            return;
        }
        if (!FormatsItsArguments(method))
        {
            return;
        }
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var info = context.Model.GetTypeInfo(argument.Expression);
            if (info.Type?.TypeKind == TypeKind.Enum && info.ConvertedType is { IsReferenceType: true })
            {
                context.Flag(argument.Expression, "enum passed as object to " + method.ContainingType.Name + "." + method.Name, GuardReasons.EnumAsObject);
            }
        }
    }

    private static bool FormatsItsArguments(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition.ToDisplayString();
        return (type == "string" && method.Name is "Format" or "Concat")
            || (type == "System.Text.StringBuilder" && method.Name is "Append" or "AppendFormat" or "Insert");
    }

    /// <summary>The expression under parentheses and casts to a reference type (object, Enum, an interface), which box a value.</summary>
    private static ExpressionSyntax StripBoxing(ExpressionSyntax expression, SemanticModel model)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case CastExpressionSyntax cast when model.GetTypeInfo(cast).Type is { IsReferenceType: true }:
                    expression = cast.Expression;
                    break;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression):
                    expression = binary.Left;
                    break;
                default:
                    return expression;
            }
        }
    }

    private static void CheckFormat(SyntaxNode at, string format, GuardContext context)
    {
        if (format.Length > 0 && !SupportedFormat().IsMatch(format))
        {
            context.Flag(at, "format \"" + format + "\"", GuardReasons.InterpolationFormat);
        }
    }

    /// <summary>The ToString a value formatted into a string gets, which no syntax node shows, is judged like a call to it.</summary>
    private static void InspectImplicitToString(ExpressionSyntax operand, GuardContext context)
    {
        var type = context.Model.GetTypeInfo(operand).Type;
        if (type is null || type.SpecialType is SpecialType.System_String or SpecialType.System_Object
            || type.TypeKind is TypeKind.Interface or TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Error)
        {
            return;
        }
        if (type.TypeKind == TypeKind.Enum)
        {
            context.Flag(operand, "enum formatted into a string", GuardReasons.EnumInString);
            return;
        }
        context.JudgeAt(operand, FindToString(type));
    }

    private static IMethodSymbol? FindToString(ITypeSymbol type)
    {
        for (var t = type is IArrayTypeSymbol ? null : type; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers("ToString"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 } method)
                {
                    return method;
                }
            }
        }
        return null;
    }

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double;
}
