#!/usr/bin/env bash
# Dependency audit, as SECURITY.md ("Dependencies") sets the policy: production dependencies only; a high or
# critical advisory fails the build unless .ci/audit-exceptions.json accepts it, with a reason and an end date.
# When the registry's audit endpoint cannot be reached, the build warns (or fails, with AUDIT_REQUIRED=true).
set -uo pipefail
cd "$(dirname "$0")/.."
npm audit --omit=dev --json 2>/dev/null > /tmp/aiguillage-audit.json
node - /tmp/aiguillage-audit.json .ci/audit-exceptions.json <<'NODE'
const fs = require('node:fs');
const [reportFile, exceptionsFile] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
} catch {
  report = { error: { summary: 'no JSON answer' } };
}
if (report.error || !report.vulnerabilities) {
  console.warn(`dependency audit: endpoint unavailable (${report.error?.summary || report.message || 'no report'})`);
  process.exit(process.env.AUDIT_REQUIRED === 'true' ? 1 : 0);
}
const today = new Date().toISOString().slice(0, 10);
const exceptions = fs.existsSync(exceptionsFile) ? JSON.parse(fs.readFileSync(exceptionsFile, 'utf8')) : [];
const accepted = new Set(exceptions.filter((entry) => entry.until >= today).map((entry) => entry.advisory));
const blocking = [];
for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
  for (const via of vulnerability.via.filter((item) => typeof item === 'object')) {
    if (['high', 'critical'].includes(via.severity) && !accepted.has(via.url)) blocking.push(`${name}: ${via.severity} ${via.title} ${via.url}`);
  }
}
const counts = report.metadata.vulnerabilities;
console.log(`dependency audit (production): ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
if (blocking.length > 0) {
  console.error(`blocking advisories (fix, or accept in .ci/audit-exceptions.json with a reason and an end date):\n  ${blocking.join('\n  ')}`);
  process.exit(1);
}
NODE
