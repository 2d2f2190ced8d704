// Lint at zero warnings: TypeScript rules, Lit template rules, web-component rules.
import litPlugin from 'eslint-plugin-lit';
import wcPlugin from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'lib/',
      'coverage/',
      'node_modules/',
      'bench/tmp/',
      'wordpress/recovery-comments/build/',
    ],
  },
  ...tseslint.configs.recommended,
  litPlugin.configs['flat/recommended'],
  wcPlugin.configs['flat/recommended'],
  {
    settings: { wc: { elementBaseClasses: ['LitElement', 'UpdatingElement'] } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'lit/no-invalid-html': 'error',
      'lit/no-useless-template-literals': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Untrusted data never becomes markup.',
        },
        {
          selector: "MemberExpression[property.name='outerHTML']",
          message: 'Untrusted data never becomes markup.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Untrusted data never becomes markup.',
        },
        {
          selector: 'ImportDeclaration[source.value=/unsafe-html|unsafe-svg/]',
          message: 'No unsafeHTML: render text.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.js'],
    // chai's `expect(x).to.exist` reads as an expression.
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
