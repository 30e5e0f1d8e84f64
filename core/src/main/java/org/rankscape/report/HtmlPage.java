package org.rankscape.report;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A self-contained HTML page, built top to bottom: every text is HTML-escaped, images are embedded
 * as base64 {@code data:} URIs and the style sheet is inline, so the page needs no other file and
 * no network (even the favicon is an empty data URI, so browsers ask for none).
 */
public final class HtmlPage {
  private static final String STYLE =
      """
      body { font-family: sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em;
             color: #222; line-height: 1.4; }
      h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
      table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left;
               vertical-align: top; }
      th { background: #f3f3f3; }
      pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
      figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
      figcaption { font-size: 0.9em; color: #444; }
      """;

  private final String title;
  private final StringBuilder body = new StringBuilder();

  private HtmlPage(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /** A page whose title is also its top heading. */
  public static HtmlPage titled(String title) {
    return new HtmlPage(title);
  }

  public HtmlPage heading(String text) {
    return element("h2", text);
  }

  public HtmlPage paragraph(String text) {
    return element("p", text);
  }

  public HtmlPage preformatted(String text) {
    return element("pre", text);
  }

  /** A table with a header row; every row must have the header's number of cells. */
  public HtmlPage table(List<String> header, List<List<String>> rows) {
    body.append("<table>\n<tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "table row " + row + " has " + row.size() + " cells; the header has " + header.size());
      }
      body.append("<tr>");
      row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** A PNG embedded in the page, with alternative text and a caption below it. */
  public HtmlPage image(byte[] png, String alt, String caption) {
    body.append("<figure><img src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\" alt=\"")
        .append(escape(alt))
        .append("\"><figcaption>")
        .append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /** The complete document. */
  public String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<link rel=\"icon\" href=\"data:,\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</body>\n</html>\n";
  }

  /** Escapes the five characters with a meaning in HTML text and attribute values. */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private HtmlPage element(String tag, String text) {
    body.append('<')
        .append(tag)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(tag)
        .append(">\n");
    return this;
  }
}
