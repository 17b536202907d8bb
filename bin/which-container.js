#!/usr/bin/env node
// A tiny shim: the CLI is built into dist/ (npm run build).
import '../dist/cli.js';
