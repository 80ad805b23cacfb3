package io.canopy.root.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.canopy.root.support.RootIT;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/** The root serves the built dashboard (the dashboard module's jar) without a token. */
class DashboardServedIT extends RootIT {

  @Test
  void theDashboardAndItsAssetsAreServedWithoutAToken() throws Exception {
    MvcResult root = call(get("/"));
    assertThat(root.getResponse().getStatus()).isEqualTo(200);
    assertThat(root.getResponse().getForwardedUrl()).isEqualTo("index.html");

    MvcResult index = call(get("/index.html"));
    assertThat(index.getResponse().getStatus()).isEqualTo(200);
    String html = index.getResponse().getContentAsString();
    assertThat(html).contains("<title>Canopy</title>").contains("<div id=\"root\">");

    // the built page names its bundle under assets/, which is served too
    Matcher script = Pattern.compile("src=\"\\.?(/assets/[^\"]+\\.js)\"").matcher(html);
    assertThat(script.find()).as("index.html names its script bundle: " + html).isTrue();
    MvcResult bundle = call(get(script.group(1)));
    assertThat(bundle.getResponse().getStatus()).isEqualTo(200);
    assertThat(bundle.getResponse().getContentAsByteArray().length).isGreaterThan(10_000);
  }
}
