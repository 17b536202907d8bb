// Distribution packaging: a Debian package (debian/control and debian/rules) or an RPM spec
// file. A project packaged so is installed on a system and upgraded in place by its package
// manager, as the rest of that system is.
import type { Finding, Scanner } from '../types.js';

export const packagingScanner: Scanner = {
  name: 'packaging',
  wants: (path, name) => /(^|\/)debian\/control$/.test(path) || /\.spec(\.in)?$/.test(name),
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const debian = file.name === 'control' && /^Package:\s*\S+/m.test(file.text);
      const rpm = /\.spec(\.in)?$/.test(file.name) && /^%(install|files)\b/m.test(file.text);
      if (!debian && !rpm) continue;
      findings.push({
        question: 'updates',
        value: 'in-place',
        strength: 2,
        file: file.path,
        reason: debian
          ? 'a Debian package: installed on a system and upgraded in place by apt'
          : 'an RPM package: installed on a system and upgraded in place by dnf or zypper',
      });
    }
    return findings;
  },
};
