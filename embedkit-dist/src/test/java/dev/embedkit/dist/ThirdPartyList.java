package dev.embedkit.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THIRD-PARTY.txt as the build writes it (Apache's DEPENDENCIES template): one entry per bundled library,
 * {@code "  - NAME (URL) GROUP:ARTIFACT:TYPE:VERSION"}, followed by one {@code "    License: NAME (URL)"} line per
 * licence its POM declares (several for a dual licence).
 */
record ThirdPartyList(List<Entry> entries) {
  private static final Pattern ENTRY = Pattern.compile("^  - .* (\\S+):(\\S+):(\\S+):(\\S+)$");
  private static final Pattern LICENCE = Pattern.compile("^    License: (.*?)\\s*(\\((\\S*)\\))?$");

  record Entry(String groupId, String artifactId, String version, List<String> licences) {
    /** The file name the assembly gives the jar in lib/. */
    String jarName() {
      return artifactId + "-" + version + ".jar";
    }

    String coordinates() {
      return groupId + ":" + artifactId + ":" + version;
    }
  }

  static ThirdPartyList parse(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher entry = ENTRY.matcher(line);
      Matcher licence = LICENCE.matcher(line);
      if (entry.matches()) {
        entries.add(new Entry(entry.group(1), entry.group(2), entry.group(4), new ArrayList<>()));
      } else if (licence.matches()) {
        if (entries.isEmpty()) {
          throw new IllegalArgumentException("a licence before any library: " + line);
        }
        String url = licence.group(3) == null ? "" : " " + licence.group(3);
        entries.get(entries.size() - 1).licences().add(licence.group(1) + url);
      }
    }
    return new ThirdPartyList(entries);
  }

  /**
   * GPL, LGPL, AGPL in any spelling ("GNU General Public License", "GPL-2.0-with-classpath-exception", "GPLv3",
   * "LGPL-2.1-or-later"), by name or URL. The Classpath Exception counts: it is still a GPL-family licence.
   */
  static boolean isGplFamily(String licence) {
    String l = licence.toLowerCase(Locale.ROOT);
    return l.matches(".*\\b[al]?gpl.*") || l.contains("general public license") || l.contains("gnu.org/licenses")
        || l.contains("classpath exception");
  }
}
