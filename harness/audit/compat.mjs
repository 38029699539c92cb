// Browser-compatibility checks of collected pages, stylesheets and scripts,
// each with its own maintained tool (pinned in package-lock.json):
//
//   HTML elements, attributes, input types  @mdn/browser-compat-data (parse5 for lines)
//   CSS properties and values               doiuse (caniuse-lite), on postcss
//   JavaScript APIs                         eslint-plugin-compat (ESLint, browserslist)
//   JavaScript syntax (const, =>, class…)   es-check's feature detection and its
//                                           support table generated from MDN data
//
// Input (JSON, file given as argv[2] or stdin):
//   {"items": [{"id", "kind": "html"|"css"|"js", "name", "content"}],
//    "targets": ["ie 7", "firefox 3.6", …]}           (browserslist queries)
// Output (stdout, JSON):
//   {"tools": {name: version}, "results": {"<id>|<target>": [finding, …]}}
// finding = {kind, tool, feature, title, line, column, first_version,
//            fallback: true|false|null, fallback_how, message, file}
//
// An HTML item also yields its inline <script> and <style> (lines of the page).
// Called by harness/audit/compat.py, once per run, on what is not cached yet.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The packages come from the node_modules folder harness/audit/outils.py
// found (the user's project, --audit-node-modules…), not from beside this
// file: an installed harness has none there.
const TOOLS_DIR = process.env.AP_AUDIT_NODE_MODULES;
const require = createRequire(TOOLS_DIR ? path.join(path.resolve(TOOLS_DIR), "_audit.cjs")
                                        : import.meta.url);
const browserslist = require("browserslist");
const bcd = require("@mdn/browser-compat-data");
const parse5 = require("parse5");
const postcss = require("postcss");
const { Linter } = require("eslint");
const lite = require("caniuse-lite");
const acorn = require("acorn");

// The folder of an installed package (some export neither package.json nor lib/).
function packageDir(name) {
  if (TOOLS_DIR) {
    const own = path.join(path.resolve(TOOLS_DIR), name);
    if (existsSync(path.join(own, "package.json"))) return own;
  }
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === name) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json of ${name} not found`);
    dir = up;
  }
}

// An ES module package, imported from the same folder as `require` finds it
// (a bare import() would look beside this file).
async function importEsm(name) {
  if (!TOOLS_DIR) return (await import(name)).default;
  const dir = packageDir(name);
  const exp = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).exports?.["."];
  let entry = exp?.import ?? exp;
  if (entry && typeof entry === "object") entry = entry.default;
  const file = typeof entry === "string" ? path.join(dir, entry) : require.resolve(name);
  return (await import(pathToFileURL(file).href)).default;
}

const doiuse = await importEsm("doiuse");
const compatPlugin = await importEsm("eslint-plugin-compat");

// es-check's package exports only its CLI runner; its feature detector and its
// MDN-generated support table are read from the installed files.
const esCheckDir = packageDir("es-check");
const detectFeatures = require(path.join(esCheckDir, "lib/detectFeatures.js"));
const { ES_FEATURES } = require(path.join(esCheckDir, "lib/constants/es-features/index.js"));
const { FEATURE_BROWSER_SUPPORT } = require(
  path.join(esCheckDir, "lib/constants/es-features/browserSupport.js"));
const { BROWSERSLIST_TO_BCD } = require(path.join(esCheckDir, "lib/constants/versions.js"));

const version = (name) =>
  JSON.parse(readFileSync(path.join(packageDir(name), "package.json"), "utf8")).version;
const TOOLS = Object.fromEntries(
  ["@mdn/browser-compat-data", "browserslist", "caniuse-lite", "doiuse", "eslint",
   "eslint-plugin-compat", "es-check", "parse5", "postcss"].map((n) => [n, version(n)]));

// ---------------------------------------------------------------- versions
function num(v) {
  if (v === true) return 0;
  if (v === false || v === null || v === undefined) return Infinity;
  const m = String(v).replace("≤", "").match(/\d+(\.\d+)?/);
  return m ? parseFloat(m[0]) : Infinity;
}

function target(query) {
  const [entry] = browserslist(query);
  const [name, ver] = entry.split(" ");
  return { query, name, bcdName: BROWSERSLIST_TO_BCD[name] || name, version: ver.split("-")[0] };
}

// MDN support statement(s) of one browser → {supported, first}
function bcdSupport(compat, t) {
  let statements = compat?.support?.[t.bcdName];
  if (statements === undefined) return { supported: true, first: null, unknown: true };
  if (!Array.isArray(statements)) statements = [statements];
  statements = statements.filter((s) => !s.flags && !s.prefix && !s.alternative_name);
  // "≤11": supported by then, since an unknown version: the data cannot tell
  if (statements.some((s) => String(s.version_added).startsWith("≤"))) {
    return { supported: true, first: null, unknown: true };
  }
  const v = num(t.version);
  let first = Infinity;
  let supported = false;
  for (const s of statements) {
    const added = num(s.version_added);
    first = Math.min(first, added);
    const removed = s.version_removed ? num(s.version_removed) : Infinity;
    if (added <= v && v < removed) supported = true;
  }
  const firstText = first === Infinity ? null : String(
    statements.find((s) => num(s.version_added) === first).version_added).replace("≤", "");
  return { supported, first: firstText };
}

// ---------------------------------------------------------------- HTML
const IGNORED_ATTRS = /^(aria-|data-|on|xmlns)/;

function htmlFindings(html, t) {
  const out = [];
  const doc = parse5.parse(html, { sourceCodeLocationInfo: true });
  const elements = bcd.html.elements;
  const globals = bcd.html.global_attributes;
  // An attribute a browser does not know is ignored (HTML parsing rules): the
  // page works as without it, which is a fallback. An unknown element or
  // input type is not: IE 8 cannot style <section>, <input type=date> turns
  // into a bare text field with neither picker nor format.
  const report = (compat, feature, title, loc, attribute = false) => {
    if (!compat) return;
    const s = bcdSupport(compat, t);
    if (s.supported) return;
    out.push({ kind: "html", tool: "@mdn/browser-compat-data", feature, title,
      line: loc?.startLine ?? null, column: loc?.startCol ?? null, first_version: s.first,
      fallback: attribute, fallback_how: attribute
        ? "attribut inconnu de ce navigateur, ignoré : la page fonctionne sans" : null,
      message: `${title} : pris en charge à partir de ${t.name} ${s.first ?? "(jamais)"}` });
  };
  const walk = (node) => {
    if (node.tagName && node.sourceCodeLocation) {
      const tag = node.tagName;
      const loc = node.sourceCodeLocation;
      const el = elements[tag];
      if (el) {
        report(el.__compat, `html.elements.${tag}`, `élément <${tag}>`, loc.startTag || loc);
        for (const attr of node.attrs || []) {
          if (IGNORED_ATTRS.test(attr.name)) continue;
          const aloc = loc.attrs?.[attr.name] || loc.startTag;
          if (tag === "input" && attr.name === "type") {
            const key = `type_${attr.value.toLowerCase()}`;
            if (el[key]) report(el[key].__compat, `html.elements.input.${key}`,
              `<input type="${attr.value}">`, aloc);
            continue;
          }
          if (el[attr.name]) {
            report(el[attr.name].__compat, `html.elements.${tag}.${attr.name}`,
              `attribut ${attr.name} de <${tag}>`, aloc, true);
          } else if (globals[attr.name]) {
            report(globals[attr.name].__compat, `html.global_attributes.${attr.name}`,
              `attribut global ${attr.name}`, aloc, true);
          }
        }
      }
    }
    for (const child of node.childNodes || []) walk(child);
    if (node.content) walk(node.content); // <template>
  };
  walk(doc);
  return out;
}

// inline <script> (JavaScript) and <style>, with the line where they start
function inlineParts(html) {
  const parts = [];
  const doc = parse5.parse(html, { sourceCodeLocationInfo: true });
  const walk = (node) => {
    if ((node.tagName === "script" || node.tagName === "style") && node.sourceCodeLocation) {
      const type = (node.attrs.find((a) => a.name === "type")?.value || "").toLowerCase();
      const src = node.attrs.some((a) => a.name === "src");
      const isJs = node.tagName === "script" && !src &&
        (!type || /(java|ecma)script/.test(type));
      const isCss = node.tagName === "style";
      const text = (node.childNodes || []).map((c) => c.value || "").join("");
      if ((isJs || isCss) && text.trim()) {
        parts.push({ kind: isJs ? "js" : "css", content: text,
          lineOffset: node.sourceCodeLocation.startTag.endLine - 1 });
      }
    }
    for (const child of node.childNodes || []) walk(child);
  };
  walk(doc);
  return parts;
}

// ---------------------------------------------------------------- CSS
function caniuseFirst(featureId, browser) {
  try {
    const data = lite.feature(lite.features[featureId]);
    const stats = data.stats[browser] || {};
    const ok = Object.entries(stats)
      .filter(([, s]) => /^[ya]/.test(s) && !/\bx\b/.test(s))
      .map(([v]) => v).sort((a, b) => num(a) - num(b));
    return ok.length ? ok[0].split("-")[0] : null;
  } catch {
    return null;
  }
}

// a fallback postcss can see: inside @supports, or an earlier declaration of
// the same property in the same rule (`display: block; display: grid`)
function cssFallback(node) {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "atrule" && p.name === "supports") return "dans un bloc @supports";
  }
  if (node.type === "decl" && node.parent) {
    const siblings = node.parent.nodes;
    const i = siblings.indexOf(node);
    if (siblings.slice(0, i).some((n) => n.type === "decl" && n.prop === node.prop)) {
      return `une déclaration ${node.prop} antérieure sert de repli`;
    }
  }
  return null;
}

function cssFindings(css, t) {
  const out = [];
  const plugin = doiuse({
    browsers: [t.query],
    onFeatureUsage(info) {
      const node = info.usage;
      const how = cssFallback(node);
      out.push({ kind: "css", tool: "doiuse", feature: info.feature,
        title: info.featureData?.title || info.feature,
        line: node.source?.start?.line ?? null, column: node.source?.start?.column ?? null,
        first_version: caniuseFirst(info.feature, t.name), fallback: how !== null,
        fallback_how: how, partial: /partially supported/.test(info.message),
        message: String(info.message).replace(/^<input css [^>]*>:\d+:\d+: /, "") });
    },
  });
  postcss([plugin]).process(css, { from: undefined }).sync();
  return out;
}

// ---------------------------------------------------------------- JavaScript
// A rule of our own, run in the same ESLint pass: where a script tests a name
// before use (`if (window.fetch) …`, `window.JSON ? JSON.parse(…) : …`,
// `typeof X !== 'undefined' && X()`, `'x' in y`): the names tested and the
// source range they guard (the test itself and its consequent).
const featureTests = {
  create(context) {
    const guards = context.settings.auditGuards;
    const names = (n, into) => {
      if (!n) return into;
      if (n.type === "Identifier") into.add(n.name);
      else if (n.type === "MemberExpression") {
        if (!n.computed && n.property.type === "Identifier") into.add(n.property.name);
        if (n.property.type === "Literal") into.add(String(n.property.value));
        names(n.object, into);
      } else if (n.type === "UnaryExpression") names(n.argument, into);
      else if (n.type === "BinaryExpression" && n.operator === "in" && n.left.type === "Literal") {
        into.add(String(n.left.value));
      } else if (n.type === "BinaryExpression" || n.type === "LogicalExpression") {
        names(n.left, into); names(n.right, into);
      }
      return into;
    };
    const guard = (test, consequent) => {
      guards.push({ names: names(test, new Set()), start: test.range[0],
        end: consequent.range[1] });
    };
    return {
      IfStatement: (n) => guard(n.test, n.consequent),
      ConditionalExpression: (n) => guard(n.test, n.consequent),
      LogicalExpression: (n) => { if (n.operator === "&&") guard(n.left, n.right); },
    };
  },
};

const linter = new Linter({ configType: "flat" });

function bcdOfApi(api) {
  const parts = api.replace(/\(\)$/, "").split(".").filter((p) => p !== "prototype");
  const roots = [bcd.api, bcd.api.Window, bcd.javascript.builtins, bcd.javascript.builtins.globals];
  for (const root of roots) {
    let node = root;
    for (const p of parts) node = node?.[p];
    if (node?.__compat) return node.__compat;
  }
  return null;
}

function jsApiFindings(code, t, lineOffset) {
  const guards = [];
  const messages = linter.verify(code, [{
    plugins: { compat: compatPlugin, audit: { rules: { "feature-tests": featureTests } } },
    languageOptions: { ecmaVersion: "latest", sourceType: "script" },
    settings: { browsers: [t.query], auditGuards: guards },
    rules: { "compat/compat": "error", "audit/feature-tests": "error" },
  }]);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === "\n") lineStarts.push(i + 1);
  const out = [];
  const seen = new Set();
  for (const m of messages) {
    if (m.fatal) {
      out.push({ kind: "js", tool: "eslint", feature: "parse-error", title: "erreur d'analyse",
        line: m.line + lineOffset, column: m.column, first_version: null, fallback: null,
        fallback_how: null, message: m.message });
      continue;
    }
    if (m.ruleId !== "compat/compat") continue;
    const api = m.message.split(" is not supported")[0].trim();
    const key = `${api}|${m.line}|${m.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const segments = api.replace(/\(\)$/, "").split(".");
    const at = lineStarts[m.line - 1] + m.column - 1;
    const has = guards.some((g) => g.start <= at && at < g.end &&
      segments.some((p) => g.names.has(p)));
    const last = segments[0];
    const first = bcdOfApi(api) ? bcdSupport(bcdOfApi(api), t).first : null;
    out.push({ kind: "js", tool: "eslint-plugin-compat", feature: api, title: api,
      line: m.line + lineOffset, column: m.column, first_version: first, fallback: has,
      fallback_how: has ? `le script teste ${last} avant de s'en servir` : null,
      message: m.message });
  }
  return out;
}

function firstNode(ast, info) {
  let found = null;
  const visit = (n) => {
    if (found || !n || typeof n.type !== "string") return;
    const typeOk = n.type === info.nodeType ||
      (info.nodeType === "ExportDeclaration" && /^Export/.test(n.type));
    if (typeOk && (!info.kind || n.kind === info.kind) &&
        (!info.operator || n.operator === info.operator)) { found = n; return; }
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v.type === "string") visit(v);
    }
  };
  visit(ast);
  return found;
}

function jsSyntaxFindings(code, t, lineOffset) {
  let ast;
  try {
    ast = acorn.parse(code, { ecmaVersion: "latest", sourceType: "script", locations: true,
      allowHashBang: true });
  } catch {
    return []; // ESLint reports the parse error
  }
  let unsupported = [];
  let details = {};
  try {
    detectFeatures(code, 99, "script", new Set(), {
      ast, targetBrowsers: [{ name: t.bcdName, version: t.version }] });
  } catch (error) {
    if (error.type !== "ES-Check") throw error;
    unsupported = error.features || [];
    details = error.browserDetails || {};
  }
  // es-check also reports global objects (JSON, Promise…): those are APIs,
  // which eslint-plugin-compat checks with their feature tests; keep syntax.
  return unsupported.filter((name) => ES_FEATURES[name]).map((name) => {
    const info = ES_FEATURES[name]?.astInfo;
    const node = info ? firstNode(ast, info) : null;
    const first = details[name]?.[0]?.requiredVersion ??
      FEATURE_BROWSER_SUPPORT[name]?.[t.bcdName] ?? null;
    return { kind: "js", tool: "es-check", feature: name, title: name,
      line: node ? node.loc.start.line + lineOffset : null,
      column: node ? node.loc.start.column + 1 : null,
      first_version: first === false ? null : first, fallback: false, fallback_how: null,
      message: `${name} (${ES_FEATURES[name]?.example ?? ""}) : syntaxe inconnue de ` +
        `${t.name} ${t.version}, qui refuse tout le script` };
  });
}

// ---------------------------------------------------------------- main
function check(kind, content, t, lineOffset = 0) {
  if (kind === "css") {
    return cssFindings(content, t).map((f) => ({ ...f, line: f.line && f.line + lineOffset }));
  }
  if (kind === "js") {
    return [...jsSyntaxFindings(content, t, lineOffset), ...jsApiFindings(content, t, lineOffset)];
  }
  const out = htmlFindings(content, t);
  for (const part of inlineParts(content)) {
    for (const f of check(part.kind, part.content, t, part.lineOffset)) {
      out.push({ ...f, inline: true });
    }
  }
  return out;
}

const input = JSON.parse(readFileSync(process.argv[2] || 0, "utf8"));
const results = {};
for (const query of input.targets) {
  const t = target(query);
  for (const item of input.items) {
    let findings;
    try {
      findings = check(item.kind, item.content, t);
    } catch (error) {
      findings = [{ kind: item.kind, tool: "audit", feature: "erreur-outil", title: "erreur de l'outil",
        line: null, column: null, first_version: null, fallback: null, fallback_how: null,
        message: String(error?.message || error) }];
    }
    results[`${item.id}|${query}`] = findings;
  }
}
process.stdout.write(JSON.stringify({ tools: TOOLS, results }));
