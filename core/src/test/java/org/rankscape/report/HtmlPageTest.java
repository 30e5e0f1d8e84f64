package org.rankscape.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlPageTest {

  @Test
  void textIsEscapedEverywhere() {
    String html =
        HtmlPage.titled("a <b> & 'c'")
            .heading("<h2>")
            .paragraph("x < y \"quoted\"")
            .preformatted("</pre><script>alert(1)</script>")
            .table(List.of("<th>"), List.of(List.of("<td>&")))
            .render();
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<b>"), html);
    assertTrue(html.contains("<title>a &lt;b&gt; &amp; &#39;c&#39;</title>"), html);
    assertTrue(html.contains("<pre>&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre>"), html);
    assertTrue(html.contains("<td>&lt;td&gt;&amp;</td>"), html);
    assertTrue(html.contains("x &lt; y &quot;quoted&quot;"), html);
  }

  @Test
  void imagesAreEmbeddedAsDataUrisAndNothingIsFetched() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    String html = HtmlPage.titled("t").image(png, "alt \"text\"", "caption").render();
    String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    assertTrue(html.contains("<img src=\"" + uri + "\" alt=\"alt &quot;text&quot;\">"), html);
    assertFalse(html.contains("http:") || html.contains("https:"), "no network reference");
    assertTrue(html.contains("<link rel=\"icon\" href=\"data:,\">"), "no favicon request");
  }

  @Test
  void tableRowsMustMatchTheHeader() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HtmlPage.titled("t").table(List.of("a", "b"), List.of(List.of("1"))));
    assertEquals("table row [1] has 1 cells; the header has 2", e.getMessage());
  }
}
