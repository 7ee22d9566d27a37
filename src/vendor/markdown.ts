/**
 * The Markdown parser (unified, remark-parse, remark-gfm, remark-frontmatter: micromark and about
 * 190 modules with it), bundled into this one file after tsc (scripts/after-tsc.mjs): loading it
 * module by module was a fifth of `dhr lint` on the example, on every run (issue 19). Without the
 * bundle (the TypeScript sources under vitest, a bare `tsc`) the packages are loaded as they are:
 * the same code, more slowly.
 */
export { unified } from 'unified';
export { default as remarkParse } from 'remark-parse';
export { default as remarkGfm } from 'remark-gfm';
export { default as remarkFrontmatter } from 'remark-frontmatter';
