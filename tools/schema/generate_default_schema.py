#!/usr/bin/env python3
"""Generate Vigil's built-in default schema (field -> Elasticsearch mapping table).

Inputs (all read from the shared data folder, see --shared):

  * ECS 9.5.0 flat definitions, as bundled by elastic/detection-rules:
      data/detection-rules/detection_rules/etc/ecs_schemas/9.5.0/ecs_flat.json.gz
  * Elastic Defend's process data stream mapping (beats-style nested YAML):
      data/endpoint-package/package/endpoint/data_stream/process/fields/fields.yml
  * The detection-rules endpoint overlay (flat field -> type):
      data/detection-rules/detection_rules/etc/endpoint_schemas/endpoint_process.json.gz

Precedence: a field defined by Elastic Defend replaces the ECS definition of
the same field (type, options and multi-fields; ECS's informational
``array=true`` is kept). The overlay only adds paths that neither ECS nor
Defend define.

Output: vigil-core/src/main/resources/dev/vigil/core/schema/default-fields.tsv
(see tools/schema/README.md for the format). With --check, nothing is
written; the exit status is 1 if the committed file differs from what would
be generated.

Standard library only (the YAML reader below handles the subset of YAML used
by Elastic package fields.yml files).
"""

import argparse
import difflib
import gzip
import json
import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SHARED = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared"))
DEFAULT_OUTPUT = os.path.join(
    REPO_ROOT, "vigil-core", "src", "main", "resources", "dev", "vigil", "core", "schema",
    "default-fields.tsv")

ECS_VERSION = "9.5.0"
ECS_FLAT = ("data/detection-rules/detection_rules/etc/ecs_schemas/%s/ecs_flat.json.gz" % ECS_VERSION)
DEFEND_FIELDS = "data/endpoint-package/package/endpoint/data_stream/process/fields/fields.yml"
OVERLAY = "data/detection-rules/detection_rules/etc/endpoint_schemas/endpoint_process.json.gz"
DETECTION_RULES_SOURCE = "data/detection-rules/SOURCE.txt"
ENDPOINT_SOURCE = "data/endpoint-package/SOURCE.txt"

# Types that are containers: they get a row only when a source declares them.
CONTAINER_TYPES = frozenset(["object", "nested", "flattened"])
# Beats "group" is an implied object (no row).
GROUP_TYPE = "group"
DATE_TYPES = frozenset(["date", "date_nanos"])
OPTION_KEYS = ("array", "format", "ignore_above", "normalizer", "path", "scaling_factor")


class SchemaError(Exception):
    pass


# ---------------------------------------------------------------------------
# Minimal YAML reader (block mappings, block sequences, plain / single-quoted /
# double-quoted scalars incl. multi-line ones, literal/folded block scalars,
# comments). Flow collections, anchors, tags and documents markers are
# rejected loudly rather than misread.
# ---------------------------------------------------------------------------

class _YamlReader(object):
    _KEY_RE = re.compile(r"""^(?P<key>'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^'"#\s][^:#]*?|[^'"#\s])\s*:(?:\s+|$)""")

    def __init__(self, text, name):
        self.name = name
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if self.lines and self.lines[0].startswith("\ufeff"):
            self.lines[0] = self.lines[0][1:]
        self.pos = 0

    def error(self, msg, lineno=None):
        if lineno is None:
            lineno = self.pos
        return SchemaError("%s:%d: %s" % (self.name, lineno + 1, msg))

    @staticmethod
    def _indent(line):
        return len(line) - len(line.lstrip(" "))

    def _is_blank(self, line):
        s = line.strip()
        return s == "" or s.startswith("#")

    def _skip_blank(self):
        # (a tab-indented content line later fails the 'key: value' match loudly)
        while self.pos < len(self.lines) and self._is_blank(self.lines[self.pos]):
            self.pos += 1

    def parse(self):
        self._skip_blank()
        if self.pos >= len(self.lines):
            return None
        first = self.lines[self.pos]
        if first.startswith("---") or first.startswith("%"):
            raise self.error("document markers/directives are not supported")
        value = self._parse_node(self._indent(first))
        self._skip_blank()
        if self.pos < len(self.lines):
            raise self.error("unexpected content (bad indentation?)")
        return value

    def _parse_node(self, indent):
        self._skip_blank()
        line = self.lines[self.pos]
        stripped = line[indent:]
        if stripped == "-" or stripped.startswith("- "):
            return self._parse_seq(indent)
        return self._parse_map(indent)

    def _parse_seq(self, indent):
        items = []
        while True:
            self._skip_blank()
            if self.pos >= len(self.lines):
                break
            line = self.lines[self.pos]
            cur = self._indent(line)
            if cur < indent:
                break
            if cur > indent:
                raise self.error("bad indentation in sequence")
            rest = line[indent:]
            if not (rest == "-" or rest.startswith("- ")):
                break
            after = rest[1:]
            if after.strip() == "" or after.strip().startswith("#"):
                # item on following lines
                self.pos += 1
                self._skip_blank()
                if self.pos >= len(self.lines) or self._indent(self.lines[self.pos]) <= indent:
                    items.append(None)
                else:
                    items.append(self._parse_node(self._indent(self.lines[self.pos])))
                continue
            content_col = indent + 1 + (len(after) - len(after.lstrip(" ")))
            content = line[content_col:]
            if content.startswith("- "):
                # nested sequence on the same line: rewrite the dash away and recurse
                self.lines[self.pos] = " " * content_col + content
                items.append(self._parse_seq(content_col))
            elif self._KEY_RE.match(content):
                self.lines[self.pos] = " " * content_col + content
                items.append(self._parse_map(content_col))
            else:
                items.append(self._parse_scalar_value(content, indent, self.pos))
        return items

    def _parse_map(self, indent):
        result = {}
        while True:
            self._skip_blank()
            if self.pos >= len(self.lines):
                break
            line = self.lines[self.pos]
            cur = self._indent(line)
            if cur < indent:
                break
            if cur > indent:
                raise self.error("bad indentation in mapping")
            rest = line[indent:]
            if rest == "-" or rest.startswith("- "):
                break
            m = self._KEY_RE.match(rest)
            if not m:
                raise self.error("expected 'key: value'")
            key = self._unquote_key(m.group("key").strip())
            if key in result:
                raise self.error("duplicate key %r" % key)
            value_text = rest[m.end():]
            keyline = self.pos
            if value_text.strip() == "" or value_text.lstrip().startswith("#"):
                self.pos += 1
                self._skip_blank()
                if self.pos < len(self.lines):
                    nxt = self.lines[self.pos]
                    nind = self._indent(nxt)
                    if nind > indent:
                        result[key] = self._parse_node(nind)
                        continue
                    if nind == indent and (nxt[indent:] == "-" or nxt[indent:].startswith("- ")):
                        result[key] = self._parse_seq(indent)
                        continue
                result[key] = None
            else:
                result[key] = self._parse_scalar_value(value_text.lstrip(" "), indent, keyline)
        return result

    @staticmethod
    def _unquote_key(key):
        if key.startswith("'"):
            return key[1:-1].replace("''", "'")
        if key.startswith('"'):
            return json.loads(key)
        return key

    def _parse_scalar_value(self, text, parent_indent, lineno):
        """text: the value as it starts on line `lineno`; consumes the lines it spans."""
        if text[0] in "[{":
            raise self.error("flow collections are not supported", lineno)
        if text[0] in "&*!":
            raise self.error("anchors, aliases and tags are not supported", lineno)
        if text[0] in "|>":
            return self._parse_block_scalar(text, parent_indent, lineno)
        if text[0] == "'":
            return self._parse_quoted(text, lineno, "'")
        if text[0] == '"':
            return self._parse_quoted(text, lineno, '"')
        return self._parse_plain(text, parent_indent, lineno)

    def _parse_quoted(self, text, lineno, quote):
        buf = text[1:]
        parts = []  # physical line fragments
        self.pos = lineno
        while True:
            end = self._find_close(buf, quote)
            if end is not None:
                parts.append(buf[:end])
                trailing = buf[end + 1:].strip()
                if trailing and not trailing.startswith("#"):
                    raise self.error("unexpected text after quoted scalar", self.pos)
                self.pos += 1
                break
            parts.append(buf)
            self.pos += 1
            if self.pos >= len(self.lines):
                raise self.error("unterminated quoted scalar", lineno)
            buf = self.lines[self.pos].strip(" \t")
        # line folding: a single line break becomes a space, n empty lines -> n newlines
        out = []
        for i, part in enumerate(parts):
            piece = part
            if i > 0:
                piece = piece.lstrip(" \t")
            if i < len(parts) - 1:
                piece = piece.rstrip(" \t")
            out.append(piece)
        folded = self._fold(out)
        if quote == "'":
            return folded.replace("''", "'")
        return self._unescape_double(folded, lineno)

    @staticmethod
    def _find_close(buf, quote):
        i = 0
        while i < len(buf):
            c = buf[i]
            if quote == "'" and c == "'":
                if i + 1 < len(buf) and buf[i + 1] == "'":
                    i += 2
                    continue
                return i
            if quote == '"':
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    return i
            i += 1
        return None

    @staticmethod
    def _fold(pieces):
        if not pieces:
            return ""
        result = pieces[0]
        empties = 0
        for piece in pieces[1:]:
            if piece == "":
                empties += 1
                continue
            result += ("\n" * empties) if empties else " "
            result += piece
            empties = 0
        if empties:
            result += "\n" * empties
        return result

    def _unescape_double(self, s, lineno):
        simple = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
                  "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
                  "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
        out = []
        i = 0
        while i < len(s):
            c = s[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            if i + 1 >= len(s):
                raise self.error("bad escape in double-quoted scalar", lineno)
            e = s[i + 1]
            if e in simple:
                out.append(simple[e])
                i += 2
            elif e in "xuU":
                n = {"x": 2, "u": 4, "U": 8}[e]
                out.append(chr(int(s[i + 2:i + 2 + n], 16)))
                i += 2 + n
            else:
                raise self.error("unknown escape \\%s" % e, lineno)
        return "".join(out)

    def _parse_plain(self, text, parent_indent, lineno):
        def strip_comment(t):
            m = re.search(r"\s#", t)
            return (t[:m.start()] if m else t).strip()

        pieces = [strip_comment(text)]
        self.pos = lineno + 1
        multi = False
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            if line.strip() == "":
                pieces.append("")
                self.pos += 1
                continue
            if self._indent(line) <= parent_indent or line.strip().startswith("#"):
                break
            pieces.append(strip_comment(line))
            multi = True
            self.pos += 1
        while pieces and pieces[-1] == "":
            pieces.pop()
        value = self._fold(pieces)
        if multi:
            return value
        return self._resolve_plain(value)

    @staticmethod
    def _resolve_plain(v):
        if v in ("", "~", "null", "Null", "NULL"):
            return None
        if v in ("true", "True", "TRUE"):
            return True
        if v in ("false", "False", "FALSE"):
            return False
        if re.match(r"^[-+]?[0-9]+$", v):
            return int(v)
        if re.match(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", v):
            return float(v)
        return v

    def _parse_block_scalar(self, text, parent_indent, lineno):
        header = text.split("#", 1)[0].strip()
        m = re.match(r"^([|>])([-+]?)([1-9]?)([-+]?)$", header)
        if not m:
            raise self.error("bad block scalar header", lineno)
        style = m.group(1)
        chomp = m.group(2) or m.group(4)
        self.pos = lineno + 1
        block = []
        indent = int(m.group(3)) + parent_indent if m.group(3) else None
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            if line.strip() == "":
                block.append("")
                self.pos += 1
                continue
            ind = self._indent(line)
            if indent is None:
                if ind <= parent_indent:
                    break
                indent = ind
            if ind < indent:
                break
            block.append(line[indent:])
            self.pos += 1
        trailing = 0
        while block and block[-1] == "":
            block.pop()
            trailing += 1
        if style == "|":
            body = "\n".join(block)
        else:
            body = ""
            prev_more = False
            for i, b in enumerate(block):
                more = b.startswith(" ") or b == ""
                if i == 0:
                    body = b
                elif b == "" or more or prev_more:
                    body += "\n" + b
                else:
                    body += " " + b
                prev_more = more
        if chomp == "-":
            return body
        if chomp == "+":
            return body + "\n" * (trailing + 1)
        return body + "\n" if block else body


def read_yaml(path):
    with open(path, "r", encoding="utf-8") as f:
        return _YamlReader(f.read(), path).parse()


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------

class Row(object):
    __slots__ = ("path", "type", "options", "source")

    def __init__(self, path, type_, options, source):
        self.path = path
        self.type = type_
        self.options = options  # dict key -> str
        self.source = source

    def line(self):
        cols = [self.path, self.type]
        if self.options:
            cols.append(",".join("%s=%s" % (k, self.options[k]) for k in sorted(self.options)))
        return "\t".join(cols)


def _fmt_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _mapping_options(defn, type_, where):
    """Options stated by a source definition (ECS flat entry, beats field or multi-field)."""
    opts = {}
    if defn.get("ignore_above") is not None:
        opts["ignore_above"] = _fmt_value(int(defn["ignore_above"]))
    if defn.get("normalizer"):
        opts["normalizer"] = _fmt_value(defn["normalizer"])
    if type_ == "alias":
        if not defn.get("path"):
            raise SchemaError("%s: alias without path" % where)
        opts["path"] = _fmt_value(defn["path"])
    if defn.get("scaling_factor") is not None:
        opts["scaling_factor"] = _fmt_value(defn["scaling_factor"])
    # In ECS/beats, `format` on non-date fields is a Kibana display formatter
    # (string/bytes/number/duration), not an Elasticsearch mapping parameter.
    if type_ in DATE_TYPES and defn.get("format"):
        opts["format"] = _fmt_value(defn["format"])
    for k, v in opts.items():
        if any(c in v for c in "\t\n,="):
            raise SchemaError("%s: option %s=%r cannot be written to the table" % (where, k, v))
    return opts


def _check_path(path, where):
    if not path or any(c in path for c in "\t\n\r ") or path.startswith(".") or path.endswith(".") or ".." in path:
        raise SchemaError("%s: bad field path %r" % (where, path))


def ecs_rows(ecs):
    """ECS flat definitions -> {path: [row, multi-field rows...]}"""
    out = {}
    for path in sorted(ecs):
        defn = ecs[path]
        flat = defn.get("flat_name", path)
        if flat != path:
            raise SchemaError("ECS: key %r has flat_name %r" % (path, flat))
        _check_path(path, "ECS")
        type_ = defn.get("type")
        if not type_:
            raise SchemaError("ECS %s: no type" % path)
        opts = _mapping_options(defn, type_, "ECS " + path)
        if "array" in (defn.get("normalize") or []):
            opts["array"] = "true"
        rows = [Row(path, type_, opts, "ecs")]
        for mf in defn.get("multi_fields") or []:
            mpath = mf.get("flat_name") or (path + "." + mf["name"])
            if mpath != path + "." + mf["name"]:
                raise SchemaError("ECS %s: multi-field flat_name %r" % (path, mpath))
            rows.append(Row(mpath, mf["type"], _mapping_options(mf, mf["type"], "ECS " + mpath), "ecs"))
        out[path] = rows
    return out


def defend_rows(fields):
    """Beats-style nested fields.yml -> {path: [row, multi-field rows...]}"""
    out = {}

    def walk(entries, prefix, where):
        if not isinstance(entries, list):
            raise SchemaError("%s: 'fields' is not a list" % where)
        for e in entries:
            if not isinstance(e, dict) or "name" not in e:
                raise SchemaError("%s: field entry without name" % where)
            name = str(e["name"])
            path = prefix + name if prefix else name
            _check_path(path, "Defend")
            type_ = e.get("type")
            children = e.get("fields")
            if type_ is None:
                raise SchemaError("Defend %s: no type" % path)
            if type_ != GROUP_TYPE:
                if path in out:
                    raise SchemaError("Defend %s: defined twice" % path)
                rows = [Row(path, type_, _mapping_options(e, type_, "Defend " + path), "defend")]
                for mf in e.get("multi_fields") or []:
                    mpath = path + "." + str(mf["name"])
                    rows.append(Row(mpath, mf["type"], _mapping_options(mf, mf["type"], "Defend " + mpath),
                                    "defend"))
                out[path] = rows
            elif e.get("multi_fields"):
                raise SchemaError("Defend %s: group with multi_fields" % path)
            if children:
                walk(children, path + ".", "Defend " + path)

    walk(fields, "", "Defend")
    return out


def merge(ecs, defend, overlay, log):
    """Returns the sorted list of rows."""
    fields = dict(ecs)  # path -> [main row, multi rows]
    for path, rows in defend.items():
        old = fields.get(path)
        if old is not None:
            new_main = rows[0]
            if "array" in old[0].options:
                new_main.options["array"] = old[0].options["array"]
            if [r.line() for r in old] != [r.line() for r in rows]:
                log("defend-overrides-ecs\t%s\tECS: %s\tDefend: %s" % (
                    path, " | ".join(r.line() for r in old), " | ".join(r.line() for r in rows)))
        fields[path] = rows

    by_path = {}
    for rows in fields.values():
        for r in rows:
            if r.path in by_path:
                raise SchemaError("path %s defined twice (%s)" % (r.path, r.source))
            by_path[r.path] = r

    def has_descendant(path):
        p = path + "."
        return any(k.startswith(p) for k in by_path)

    def leaf_ancestor(path):
        parts = path.split(".")
        for i in range(1, len(parts)):
            anc = ".".join(parts[:i])
            r = by_path.get(anc)
            if r is not None and r.type not in CONTAINER_TYPES:
                return anc
        return None

    for path in sorted(overlay):
        type_ = overlay[path]
        _check_path(path, "overlay")
        if not isinstance(type_, str) or not type_:
            raise SchemaError("overlay %s: bad type %r" % (path, type_))
        existing = by_path.get(path)
        if existing is not None:
            if existing.type != type_:
                log("overlay-ignored\t%s\toverlay: %s\tkept %s: %s" % (path, type_, existing.source, existing.line()))
            continue
        anc = leaf_ancestor(path)
        if anc is not None:
            # Would be a new multi-field of a leaf; the overlay cannot state its options.
            log("overlay-skipped\t%s\toverlay: %s\tparent %s is a leaf (%s)" % (path, type_, anc, by_path[anc].type))
            continue
        if type_ not in CONTAINER_TYPES and has_descendant(path):
            log("overlay-skipped\t%s\toverlay: %s\tbut it has sub-fields" % (path, type_))
            continue
        by_path[path] = Row(path, type_, {}, "overlay")
        log("overlay-added\t%s\t%s" % (path, type_))

    rows = sorted(by_path.values(), key=lambda r: r.path.split("."))
    # Sanity: a row under a leaf must be a multi-field declared with that leaf.
    declared_multi = set()
    for rs in fields.values():
        for r in rs[1:]:
            declared_multi.add(r.path)
    for r in rows:
        anc = leaf_ancestor(r.path)
        if anc is not None and r.path not in declared_multi:
            raise SchemaError("%s (%s) sits under leaf %s" % (r.path, r.source, anc))
        for k in r.options:
            if k not in OPTION_KEYS:
                raise SchemaError("%s: unexpected option %s" % (r.path, k))
    return rows


# ---------------------------------------------------------------------------
# Provenance
# ---------------------------------------------------------------------------

def read_source_txt(path):
    info = {}
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            if ":" in line:
                k, v = line.split(":", 1)
                k = k.strip()
                if k in ("repo", "commit", "license") and k not in info:
                    info[k] = v.strip()
    for k in ("repo", "commit"):
        if k not in info:
            raise SchemaError("%s: no '%s:' line" % (path, k))
    return info


def header(shared):
    dr = read_source_txt(os.path.join(shared, DETECTION_RULES_SOURCE))
    ep = read_source_txt(os.path.join(shared, ENDPOINT_SOURCE))
    return [
        "# Vigil default schema: Elasticsearch field mappings for ECS and Elastic Defend (endpoint) fields.",
        "# GENERATED FILE - do not edit. Generated by tools/schema/generate_default_schema.py;",
        "# regenerate with `python3 tools/schema/generate_default_schema.py`, verify with `--check`.",
        "#",
        "# Sources, highest precedence first:",
        "#   1. Elastic Defend process mapping: %s" % DEFEND_FIELDS[len("data/endpoint-package/"):],
        "#      from %s @ %s; license: %s" % (ep["repo"], ep["commit"], ep.get("license", "?")),
        "#   2. ECS %s flat definitions: %s" % (ECS_VERSION, ECS_FLAT[len("data/detection-rules/"):]),
        "#      (ECS is Apache-2.0) as bundled in %s @ %s" % (dr["repo"], dr["commit"]),
        "#   3. detection-rules endpoint overlay (only fills paths 1 and 2 do not define):",
        "#      %s from %s @ %s" % (OVERLAY[len("data/detection-rules/"):], dr["repo"], dr["commit"]),
        "#   A field defined by (1) replaces its ECS definition (type, options, multi-fields); ECS's array=true is kept.",
        "#",
        "# Columns (tab-separated): path<TAB>type[<TAB>options]",
        "#   path     full dotted field path, rows sorted by path segments",
        "#   type     Elasticsearch mapping type (keyword, wildcard, text, match_only_text, long, date, ip, object, nested, ...)",
        "#   options  comma-separated key=value: ignore_above, normalizer, path (alias target), scaling_factor,",
        "#            format (date format, only when a source states one), array=true (ECS normalize: array; informational)",
        "# A row whose parent path is a leaf (non object/nested/flattened) row is a multi-field of that row.",
        "# object/nested/flattened rows appear only where a source declares them; other intermediate objects are implied.",
    ]


def generate(shared, log=lambda msg: None):
    with gzip.open(os.path.join(shared, ECS_FLAT), "rt", encoding="utf-8") as f:
        ecs = json.load(f)
    defend = read_yaml(os.path.join(shared, DEFEND_FIELDS))
    with gzip.open(os.path.join(shared, OVERLAY), "rt", encoding="utf-8") as f:
        overlay = json.load(f)
    if not isinstance(ecs, dict) or not isinstance(defend, list) or not isinstance(overlay, dict):
        raise SchemaError("unexpected top-level structure in the inputs")
    rows = merge(ecs_rows(ecs), defend_rows(defend), overlay, log)
    lines = header(shared) + [r.line() for r in rows]
    return "\n".join(lines) + "\n", rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=DEFAULT_SHARED,
                    help="shared team folder holding data/ (default: ../shared relative to the repo root)")
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="table to write or check (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from what would be generated")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="report Defend-over-ECS overrides and overlay decisions on stderr")
    args = ap.parse_args(argv)

    def log(msg):
        if args.verbose:
            sys.stderr.write(msg + "\n")

    try:
        text, rows = generate(args.shared, log)
    except (SchemaError, OSError, ValueError) as e:
        sys.stderr.write("error: %s\n" % e)
        return 2

    if args.check:
        try:
            with open(args.output, "r", encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            sys.stderr.write("%s: %s\n" % (args.output, e))
            return 1
        if current != text:
            diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                             "committed", "generated", lineterm="", n=0))
            sys.stderr.write("%s is out of date (%d diff lines); regenerate with "
                             "tools/schema/generate_default_schema.py\n" % (args.output, len(diff)))
            for d in diff[:40]:
                sys.stderr.write(d + "\n")
            return 1
        sys.stderr.write("%s is up to date (%d rows)\n" % (args.output, len(rows)))
        return 0

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    sys.stderr.write("wrote %s (%d rows)\n" % (args.output, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
