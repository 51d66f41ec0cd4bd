using Microsoft.CodeAnalysis;

namespace PosFirmware.Tests.Guard;

/// <summary>What the rules for one syntax tree share: its semantic model, the symbol rules and where findings go.</summary>
public sealed class GuardContext
{
    private readonly Action<Location, GuardFinding> _report;

    public GuardContext(SemanticModel model, SymbolRules rules, Action<Location, GuardFinding> report)
    {
        Model = model;
        Rules = rules;
        _report = report;
    }

    public SemanticModel Model { get; }

    public SymbolRules Rules { get; }

    public void Flag(SyntaxNode node, string subject, string reason) =>
        _report(node.GetLocation(), new GuardFinding(subject, reason));

    public void Flag(SyntaxToken token, string subject, string reason) =>
        _report(token.GetLocation(), new GuardFinding(subject, reason));

    public void Flag(SyntaxTrivia trivia, string subject, string reason) =>
        _report(trivia.GetLocation(), new GuardFinding(subject, reason));

    /// <summary>Reports the symbol at the node unless nanoFramework 1.x has it and the rules allow it.</summary>
    public void JudgeAt(SyntaxNode node, ISymbol? symbol)
    {
        var finding = Rules.Judge(symbol);
        if (finding is not null)
        {
            _report(node.GetLocation(), finding.Value);
        }
    }
}
