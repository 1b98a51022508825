import ts from 'typescript';
import { parse } from 'vue/compiler-sfc';

/**
 * English a user reads that is built in client code rather than in a template (issue 23): string literals
 * in `.ts` files and `.vue` script blocks that read as a sentence or a label ('Could not save', `Said in
 * comments: ${n}`, a CSV header 'Value rank'). Keys ('forms.checkMarked'), codes ('ON_TRACK'), CSS and
 * test ids have no space between words and pass; so do developer errors (new Error(…)) and console output.
 */
export interface UntranslatedLiteral {
  file: string;
  line: number;
  text: string;
}

/** Two words of letters with a space between: what a person reads. An interpolation (written …) counts as a word. */
const READS_AS_WORDS = /\p{L}{2,}[,:;]?\s+(\p{L}{2,}|…)/u;
/** Strings that are code, not words: selectors, GraphQL, class lists, paths, URLs, MIME types, CSS. */
const CODE_LIKE = /^(?=.*[-_])[a-z0-9_-]+( [a-z0-9_-]+)+$|^\s*(query|mutation|fragment|subscription)\b|[{}<>=;]\s*$|^[\s\w-]*\[|^[.#][\w-]|^https?:|^\/|^[\w.-]+\/[\w.+-]+$|\b(rgba?|var)\(|^\s*[\d.]+(px|rem|em|%)\b/;

/** Constants named like words for a user (CSV_HEADER, STATUS_LABELS, PAGE_TITLES): one capitalised word is a label there. */
const LABEL_CONSTANT = /(HEADERS?|LABELS?|TITLES?)$/;
function inLabelConstant(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isVariableDeclaration(parent)) return LABEL_CONSTANT.test(parent.name.getText());
    if (ts.isStatement(parent)) return false;
  }
  return false;
}

function isDeveloperText(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isNewExpression(parent) && /Error$/.test(parent.expression.getText())) return true;
    if (ts.isCallExpression(parent)) {
      const callee = parent.expression.getText();
      if (/^console\.|^(describe|it|test)$|Error$/.test(callee)) return true;
      return false;
    }
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
    if (ts.isStatement(parent)) return false;
  }
  return false;
}

/** The readable string literals of one piece of TypeScript, with their 1-based lines (offset by `firstLine`). */
export function readableCodeLiterals(file: string, source: string, firstLine = 1): UntranslatedLiteral[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: UntranslatedLiteral[] = [];
  const report = (node: ts.Node, text: string) => {
    const label = /^\p{Lu}\p{Ll}+/u.test(text) && inLabelConstant(node);
    if ((!READS_AS_WORDS.test(text) && !label) || CODE_LIKE.test(text) || isDeveloperText(node)) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + firstLine, text });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      report(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…'));
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The readable literals of a client file: a `.ts` file whole, a `.vue` file's script blocks. */
export function untranslatedCode(file: string, source: string): UntranslatedLiteral[] {
  if (!file.endsWith('.vue')) return readableCodeLiterals(file, source);
  const { descriptor } = parse(source, { filename: file });
  return [descriptor.script, descriptor.scriptSetup].flatMap((block) => (block ? readableCodeLiterals(file, block.content, block.loc.start.line) : []));
}
