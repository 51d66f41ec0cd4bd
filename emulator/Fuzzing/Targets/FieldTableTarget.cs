using System.Text;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// An ISO 8583 field-table file (firmware/Iso8583/Tables/*.fields) through FieldTableParser, the reader the
/// firmware uses at boot and the tools use for --fields. Contract: a table or an error naming why; every field
/// defined is 2..128 but 65 with a known format and a length its prefix can carry; written back as
/// "NUMBER = FORMAT LENGTH [sensitive] NAME" lines the table parses to the same fields.
/// </summary>
public sealed class FieldTableTarget : FuzzTarget
{
    /// <inheritdoc />
    public override string Name => "field-table";

    /// <inheritdoc />
    public override string Summary => "FieldTableParser.TryParse on a field-table file, write and parse again";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["firmware/Iso8583/Tables/*.fields"];

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var parser = new FieldTableParser();
        if (!parser.TryParse(input, 0, input.Length, out FieldTable table))
        {
            Require(!string.IsNullOrEmpty(parser.Message) && parser.Status != PosFirmware.Config.ConfigStatus.Ok, "rejected without a reason");
            return;
        }
        var text = new StringBuilder();
        for (int number = 1; number <= FieldTable.MaxField; number++)
        {
            FieldSpec? spec = table.Get(number);
            if (spec == null)
            {
                continue;
            }
            Require(number >= 2 && number != 65, "field " + number + " defined");
            int limit = FieldFormat.LengthPrefixBytes(spec.Format) == 1 ? 99 : FieldTable.MaxVariableLength;
            Require(spec.MaxLength >= 1 && spec.MaxLength <= limit, $"field {number}: length {spec.MaxLength}");
            Require(spec.Name.Length > 0, $"field {number}: no name");
            text.Append(number).Append(" = ").Append(FieldFormat.Name(spec.Format)).Append(' ').Append(spec.MaxLength)
                .Append(spec.Sensitive ? " sensitive " : " ").Append(spec.Name).Append('\n');
        }
        byte[] written = Encoding.UTF8.GetBytes(text.ToString());
        Require(parser.TryParse(written, 0, written.Length, out FieldTable again), "the table written back does not parse: " + parser.Message);
        for (int number = 1; number <= FieldTable.MaxField; number++)
        {
            FieldSpec? a = table.Get(number);
            FieldSpec? b = again!.Get(number);
            Require((a == null) == (b == null), $"field {number} appears or vanishes when written back");
            if (a != null && b != null)
            {
                Require(a.Format == b.Format && a.MaxLength == b.MaxLength && a.Sensitive == b.Sensitive && a.Name == b.Name, $"field {number} changed when written back");
            }
        }
    }
}
