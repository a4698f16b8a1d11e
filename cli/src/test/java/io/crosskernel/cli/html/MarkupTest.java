package io.crosskernel.cli.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkupTest {

    @Test
    void escapesXmlsSpecialCharactersAndDropsControlCharacters() {
        assertThat(Markup.escape("a<b>&\"c'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFD");
        assertThat(Markup.escape("plain µs")).isEqualTo("plain µs");
        assertThat(Markup.escape(null)).isEmpty();
    }

    @Test
    void escapesTextAndAttributesAndLeavesOutNullAttributes() {
        String markup = new Markup().open("p", "title", "x\"><script>", "class", null).text("</p><script>")
                .close("p").empty("br").toString();
        assertThat(markup).isEqualTo("<p title=\"x&quot;&gt;&lt;script&gt;\">&lt;/p&gt;&lt;script&gt;</p><br/>");
    }

    @Test
    void attributesComeInPairs() {
        assertThatThrownBy(() -> new Markup().open("p", "lonely")).isInstanceOf(IllegalArgumentException.class);
    }
}
