package dev.vigil.eql.compile;

import dev.vigil.core.value.CaseFolding;
import dev.vigil.core.value.Cidr;
import dev.vigil.core.value.IpAddress;
import java.util.List;

/**
 * The run-time behaviour of the EQL string functions, after the EQL function reference
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/eql-function-ref.html): a null
 * source gives null; {@code ~} variants fold case with Lucene's folding.
 */
final class Functions {
  private Functions() {}

  static String text(Object value) {
    return value == null ? null : value instanceof String ? (String) value : Values.toText(value);
  }

  static Object between(Object source, Object left, Object right, boolean greedy, boolean ci) {
    String s = text(source);
    String l = text(left);
    String r = text(right);
    if (s == null || l == null || r == null) {
      return null;
    }
    String haystack = ci ? CaseFolding.lower(s) : s;
    String lf = ci ? CaseFolding.lower(l) : l;
    String rf = ci ? CaseFolding.lower(r) : r;
    int start = haystack.indexOf(lf);
    if (start < 0) {
      return "";
    }
    start += lf.length();
    int end = greedy ? haystack.lastIndexOf(rf) : haystack.indexOf(rf, start);
    if (end < start) {
      return "";
    }
    return s.substring(start, end);
  }

  static Object cidrMatch(Object ip, List<Cidr> cidrs) {
    IpAddress address = Values.toIp(ip);
    if (address == null) {
      return ip == null ? null : Boolean.FALSE;
    }
    for (Cidr cidr : cidrs) {
      if (cidr.contains(address)) {
        return Boolean.TRUE;
      }
    }
    return Boolean.FALSE;
  }

  static Object concat(Object[] values) {
    StringBuilder out = new StringBuilder();
    for (Object value : values) {
      if (value == null) {
        return null;
      }
      out.append(text(value));
    }
    return out.toString();
  }

  static Object endsWith(Object source, Object suffix, boolean ci) {
    String s = text(source);
    String x = text(suffix);
    if (s == null || x == null) {
      return null;
    }
    return ci ? CaseFolding.lower(s).endsWith(CaseFolding.lower(x)) : s.endsWith(x);
  }

  static Object startsWith(Object source, Object prefix, boolean ci) {
    String s = text(source);
    String x = text(prefix);
    if (s == null || x == null) {
      return null;
    }
    return ci ? CaseFolding.lower(s).startsWith(CaseFolding.lower(x)) : s.startsWith(x);
  }

  static Object stringContains(Object source, Object part, boolean ci) {
    String s = text(source);
    String x = text(part);
    if (s == null || x == null) {
      return null;
    }
    return ci ? CaseFolding.lower(s).contains(CaseFolding.lower(x)) : s.contains(x);
  }

  static Object indexOf(Object source, Object part, Object from, boolean ci) {
    String s = text(source);
    String x = text(part);
    if (s == null || x == null) {
      return null;
    }
    int start = 0;
    if (from instanceof Number) {
      start = (int) Math.max(0, Math.min(Integer.MAX_VALUE, ((Number) from).longValue()));
    }
    int index =
        ci ? CaseFolding.lower(s).indexOf(CaseFolding.lower(x), start) : s.indexOf(x, start);
    return index < 0 ? null : (Object) (long) index;
  }

  static Object length(Object source) {
    String s = text(source);
    return s == null ? null : (Object) (long) s.length();
  }

  static Object number(Object source, Object base) {
    String s = text(source);
    if (s == null) {
      return null;
    }
    int radix = base instanceof Number ? ((Number) base).intValue() : 10;
    String body = s.trim();
    try {
      if (radix == 10) {
        return Values.parseNumber(body);
      }
      if (radix == 16 && (body.startsWith("0x") || body.startsWith("0X"))) {
        body = body.substring(2);
      }
      return Long.parseLong(body, radix);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Object string(Object value) {
    return text(value);
  }

  static Object substring(Object source, Object start, Object end) {
    String s = text(source);
    if (s == null || !(start instanceof Number)) {
      return null;
    }
    int length = s.length();
    int from = clamp(((Number) start).longValue(), length);
    int to = end instanceof Number ? clamp(((Number) end).longValue(), length) : length;
    return from < to ? s.substring(from, to) : "";
  }

  /** Python-style index: negative counts from the end; clamped to [0, length]. */
  private static int clamp(long index, int length) {
    long value = index < 0 ? length + index : index;
    return (int) Math.max(0, Math.min(length, value));
  }
}
