package io.canopy.root.web;

import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/** Ids are 24 hex digits (MongoDB ObjectIds); anything else names nothing that exists. */
public final class Ids {
  private static final Pattern HEX24 = Pattern.compile("[0-9a-fA-F]{24}");

  private Ids() {}

  public static String newId() {
    return new ObjectId().toHexString();
  }

  public static boolean isId(String text) {
    return text != null && HEX24.matcher(text).matches();
  }

  /** The id in lower case, or a 404 problem naming what was looked for. */
  public static String require(String text, String what) {
    if (!isId(text)) {
      throw ApiProblem.notFound(what, text);
    }
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
