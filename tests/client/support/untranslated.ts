import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'vue/compiler-sfc';

/**
 * The strings of `.vue` templates that a user reads and that are not translation keys (issue 23), read
 * with Vue's own compiler. Used by tests/client/i18n.test.ts and by `node scripts/untranslated.ts`, which
 * lists them per file for whoever converts a folder.
 */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'label', 'aria-label', 'aria-description', 'aria-roledescription', 'message', 'description', 'caption', 'summary', 'hint', 'empty', 'heading', 'legend', 'subtitle', 'help', 'text', 'confirm-label', 'action-label']);
/** Words that read the same in both languages and need no key: the product's name, units, codes. */
const SAME_IN_BOTH = /^(Touchpoint|NPS|CSAT|CSV|API|GraphQL|ID|OK|Excel|PDF|e-mail|URL|—|·|…|%|[0-9.,:/+−–\-×()\s]*)$/i;

export interface Untranslated {
  file: string;
  line: number;
  text: string;
}

type TemplateNode = {
  type: number;
  content?: string | TemplateNode;
  loc: { start: { line: number }; source: string };
  props?: { type: number; name: string; value?: { content: string }; exp?: { loc: { source: string } } }[];
  children?: TemplateNode[];
};

function hasWords(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return /\p{L}{2,}/u.test(trimmed) && !SAME_IN_BOTH.test(trimmed);
}

/**
 * String literals in a template expression that read as words ('Sign out', 'Saving…', 'No answers yet'),
 * not keys ('shell.signOut'), codes ('ADMIN'), classes ('is-current') or test ids.
 */
export function readableLiterals(expression: string): string[] {
  // A template literal's interpolations read as "…": `No ${noun} yet.` is the sentence "No … yet.".
  const literals = [...expression.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? (m[3] ?? '').replace(/\$\{[^}]*\}/g, '…'));
  const classList = /^(?=.*[-_])[a-z0-9_…-]+( [a-z0-9_…-]+)+$/;
  return literals.filter((text) => hasWords(text) && !classList.test(text) && (/\p{L}\s+\p{L}/u.test(text) || /^\p{Lu}\p{Ll}/u.test(text)));
}

/** The strings of one `.vue` file's template that a user reads and that are not translation keys. */
export function untranslatedStrings(file: string, source: string): Untranslated[] {
  const { descriptor } = parse(source, { filename: file });
  const found: Untranslated[] = [];
  const visit = (node: TemplateNode) => {
    // 2 = text
    if (node.type === 2 && typeof node.content === 'string' && hasWords(node.content)) {
      found.push({ file, line: node.loc.start.line, text: node.content.trim() });
    }
    // 1 = element: static attributes (6) a user reads
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && prop.value && VISIBLE_ATTRIBUTES.has(prop.name) && hasWords(prop.value.content)) {
        found.push({ file, line: node.loc.start.line, text: `${prop.name}="${prop.value.content}"` });
      }
    }
    // 5 = {{ interpolation }}, 7 = directive (:title="…", v-if="…"): string literals in their expressions
    const expressions = [node.type === 5 && typeof node.content === 'object' ? node.content.loc.source : null, ...(node.props ?? []).map((p) => (p.type === 7 ? p.exp?.loc.source : null))];
    for (const expression of expressions) {
      for (const literal of expression ? readableLiterals(expression) : []) found.push({ file, line: node.loc.start.line, text: `'${literal}'` });
    }
    for (const child of node.children ?? []) visit(child);
  };
  const ast = descriptor.template?.ast;
  if (ast) visit(ast as unknown as TemplateNode);
  return found;
}


/** Every `.vue` file under `dir`, recursively. */
export function vueFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return vueFiles(full);
    return entry.name.endsWith('.vue') ? [full] : [];
  });
}
