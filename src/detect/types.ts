// The shapes detection works with: files read from the tree, and findings about answers.

/** A file a scanner asked for, read as text (at most MAX_FILE_BYTES of it). */
export interface TextFile {
  /** The path relative to the scanned directory, with forward slashes. */
  path: string;
  /** The file name alone. */
  name: string;
  /** The text; empty for a binary file, which only its name and presence describe. */
  text: string;
  binary: boolean;
}

/** One piece of evidence for one answer. */
export interface Finding {
  question: string;
  value: string;
  /** How much it says: 1 a hint, 2 a clear sign, 3 near proof. */
  strength: 1 | 2 | 3;
  file: string;
  reason: string;
  /**
   * The tooling role this file has when the project deploys some other way: a Vagrantfile
   * beside a Dockerfile or a playbook is the developers' or the tests' VM, not the deployment.
   */
  toolingBesideDeployment?: string;
}

/** One scanner per ecosystem: it names the files it reads, then turns them into findings. */
export interface Scanner {
  name: string;
  /** Binary files are passed only to scanners that say so (their presence is the evidence). */
  readsBinary?: boolean;
  /** Whether to read this file (by its relative path and name; nothing is read to decide). */
  wants(path: string, name: string): boolean;
  scan(files: readonly TextFile[]): Finding[];
}

/** What a number of services side by side answers: 1 single, 2 or 3 few, 4 or more many. */
export function processesFor(count: number): 'single' | 'few' | 'many' {
  return count >= 4 ? 'many' : count >= 2 ? 'few' : 'single';
}
