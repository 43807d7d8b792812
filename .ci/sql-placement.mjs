// Checks that SQL lives where ARCHITECTURE.md ("Where SQL lives") says: in a domain's store (src/**/store.ts or
// src/**/store/**) or in src/db/, never in domain logic, resolvers, server.ts or policy code. Each file of src/ is
// parsed with TypeScript's parser (already a dependency), so strings and comments never count, and three things are
// reported outside those places:
// - a tagged template, which in src/ is postgres.js SQL (sql`...`, tx`...`, database.sql`...`); String.raw is allowed;
// - a call of .unsafe(...) (postgres.js raw SQL) on anything;
// - drizzle's query builders: .select/.selectDistinct/.insert/.update/.delete/.execute(...) called on a db or tx
//   (`db.select()`, `this.db.execute(...)`), and any value imported from drizzle-orm (sql`...`, eq, inArray, ...).
// Prints each finding as file:line:column and exits 1 when there is one. Run from anywhere: node .ci/sql-placement.mjs
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIPPED = new Set(['src/generated']);
const ALLOWED = [/^src\/db\//, /^src\/(.+\/)?store\.ts$/, /^src\/(.+\/)?store\//];
const NOT_SQL_TAGS = new Set(['String.raw']);
const DRIZZLE_BUILDERS = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute']);
/** The receivers drizzle's builders are called on: db, tx, and a property so named (this.db, services.db). */
const DATABASE_RECEIVER = /(^|\.)(db|tx)$/;

function sourceFiles(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED.has(file) ? [] : sourceFiles(file);
    return /\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** What in `file` is SQL, each with where it is. */
function findSql(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const report = (node, what) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${file}:${line + 1}:${character + 1}  ${what}`);
  };
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(source);
      if (!NOT_SQL_TAGS.has(tag)) report(node, `SQL in a tagged template: ${tag}\`...\``);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(source);
      if (method === 'unsafe') report(node, `raw SQL: ${receiver}.unsafe(...)`);
      else if (DRIZZLE_BUILDERS.has(method) && DATABASE_RECEIVER.test(receiver)) report(node, `a drizzle query: ${receiver}.${method}(...)`);
    } else if (ts.isImportDeclaration(node) && /^drizzle-orm(\/|$)/.test(node.moduleSpecifier.text)) {
      const clause = node.importClause;
      const values = !clause
        ? []
        : clause.isTypeOnly
          ? []
          : [
              ...(clause.name ? [clause.name.text] : []),
              ...(clause.namedBindings && ts.isNamedImports(clause.namedBindings)
                ? clause.namedBindings.elements.filter((element) => !element.isTypeOnly).map((element) => element.name.text)
                : clause.namedBindings
                  ? [clause.namedBindings.name.text]
                  : []),
            ];
      if (values.length > 0) report(node, `drizzle's query builders imported: ${values.join(', ')} from '${node.moduleSpecifier.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles('src');
const checked = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
const findings = checked.flatMap((file) => findSql(file, readFileSync(path.join(root, file), 'utf8')));
if (findings.length > 0) {
  console.error(findings.join('\n'));
  console.error(
    `\n${findings.length} SQL statement(s) or query builder(s) outside a store: move them into the domain's store ` +
      '(src/<domain>/store.ts or src/<domain>/store/) as a named function taking the Sql or transaction it runs on; see ARCHITECTURE.md, "Where SQL lives".',
  );
  process.exit(1);
}
console.log(`No SQL outside stores and src/db/ (${checked.length} of ${files.length} files of src/ checked).`);
