namespace WorkBrain.Web.Localization;

/// <summary>Marker for the app's one table of visible strings: Strings.resx (English) and Strings.zh-Hans.resx.</summary>
public sealed class Strings;
