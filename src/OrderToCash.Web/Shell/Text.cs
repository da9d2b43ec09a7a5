namespace OrderToCash.Web.Shell;

/// <summary>Marker for the UI strings in Text.resx (English) and Text.zh-CN.resx (Chinese).</summary>
public sealed class Text;
