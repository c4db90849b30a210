using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace WorkBrain.Core.Tools;

/// <summary>The built-in tools (clock, calculator, unit conversion) as functions a model can call.
/// They answer with readable text; a bad input comes back as "Error: …" so the model or user can see why.</summary>
public sealed class BuiltInTools(DateTimeTool clock)
{
    public const string CalculatorName = "calculate";
    public const string UnitsName = "convert_units";

    public IReadOnlyList<AIFunction> Create() =>
    [
        AIFunctionFactory.Create(GetCurrentTime, DateTimeTool.Name, DateTimeTool.Description),
        AIFunctionFactory.Create(Calculate, CalculatorName,
            "Evaluates an arithmetic expression exactly (+ - * / % ^, parentheses, sqrt sin cos tan log ln abs round exp, pi, e). Use it for any arithmetic."),
        AIFunctionFactory.Create(ConvertUnits, UnitsName,
            "Converts a value between units of length, mass, temperature, volume, area, speed, data size or time (e.g. km to mi, 斤 to kg, °F to °C)."),
    ];

    public string GetCurrentTime([Description("IANA/Windows time zone id, UTC offset (UTC+8) or city; empty for the default zone")] string? timeZone = null) =>
        Guard(() => clock.GetCurrentTime(timeZone));

    public static string Calculate([Description("The expression, e.g. (3+4)*2^3 or sqrt(2)")] string expression) =>
        Guard(() => $"{expression.Trim()} = {ExpressionParser.Format(ExpressionParser.Evaluate(expression))}");

    public static string ConvertUnits(
        [Description("The number to convert")] double value,
        [Description("The unit of the value, e.g. km, lb, °F, 公里")] string from,
        [Description("The unit wanted, e.g. mi, kg, °C, 米")] string to) =>
        Guard(() => UnitConverter.Describe(value, from, to));

    private static string Guard(Func<string> tool)
    {
        try
        {
            return tool();
        }
        catch (ExpressionException e)
        {
            return "Error: " + e.Message;
        }
    }
}
