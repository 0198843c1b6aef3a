import { build as esbuild } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { build as viteBuild } from 'vite'
import { buildServer } from './build-server'

/** Bundles the citizen page's script for old Android WebViews and Zalo's in-app browser. */
export async function buildSurveyClient() {
  await esbuild({
    entryPoints: ['survey-web/client/survey.ts'],
    outfile: 'dist/survey-client.js',
    bundle: true,
    minify: true,
    format: 'iife',
    // Android 7 WebViews and iOS 12 Safari: older engines than these cannot load today's HTTPS anyway.
    target: ['chrome61', 'safari12', 'firefox60'],
    legalComments: 'none',
    logLevel: 'warning',
  })
  // The online portal's widget, embedded by one script tag on pages of another origin, and the kiosk's page.
  for (const name of ['widget', 'kiosk']) {
    await esbuild({
      entryPoints: [`survey-web/client/${name}.ts`],
      outfile: `dist/${name}.js`,
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['chrome61', 'safari12', 'firefox60'],
      legalComments: 'none',
      logLevel: 'warning',
    })
  }
}

/** The admin and analyst app, served under /admin. */
export async function buildAdminApp() {
  await viteBuild({ configFile: fileURLToPath(new URL('../admin-web/vite.config.ts', import.meta.url)) })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSurveyClient()
  await buildAdminApp()
  await buildServer()
}
