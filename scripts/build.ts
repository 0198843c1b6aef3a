import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

export const surveyClientFile = 'dist/survey-client.js'

/** Bundles the citizen page's script for old Android WebViews and Zalo's in-app browser. */
export async function buildSurveyClient() {
  await build({
    entryPoints: ['survey-web/client/survey.ts'],
    outfile: surveyClientFile,
    bundle: true,
    minify: true,
    format: 'iife',
    // Android 7 WebViews and iOS 12 Safari: older engines than these cannot load today's HTTPS anyway.
    target: ['chrome61', 'safari12', 'firefox60'],
    legalComments: 'none',
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSurveyClient()
