// Generated from rules/questions.yaml by scripts/generate.mjs: do not edit; run `npm run generate`.

/** The id of a built-in question. */
export type QuestionId = 'processes' | 'architecture' | 'init' | 'cron' | 'login' | 'isolation' | 'vmLike' | 'configManagement' | 'updates' | 'layers' | 'rollback' | 'imageSource' | 'fleet' | 'orchestrator' | 'nesting' | 'kernel';

/** Answers by question id, as files, flags and the library take them; `unsure` means unanswered. */
export interface Answers {
  schemaVersion?: 1;
  /** How many long-running services run side by side in one environment (one container or machine)? */
  processes?: 'single' | 'few' | 'many' | 'unsure';
  /** How is the application structured? */
  architecture?: 'monolith' | 'multi-tier' | 'microservices' | 'unsure';
  /** Does it need an init system (systemd, OpenRC) managing its services? */
  init?: 'yes' | 'no' | 'unsure';
  /** Does it rely on cron or other scheduled jobs inside the same environment? */
  cron?: 'yes' | 'no' | 'unsure';
  /** Will people log in to the workload itself (SSH, shell accounts) and operate it like a server? Logging in to the host that runs it does not count. */
  login?: 'yes' | 'no' | 'unsure';
  /** Who runs code in it? */
  isolation?: 'trusted' | 'separate-users' | 'untrusted' | 'unsure';
  /** Is it replacing VMs, and should it behave like one (own hostname, users, package manager)? */
  vmLike?: 'yes' | 'no' | 'unsure';
  /** Which configuration-management tool should provision it? */
  configManagement?: 'none' | 'ansible' | 'chef' | 'puppet' | 'salt' | 'other' | 'unsure';
  /** After launch, is it patched in place or replaced by a rebuilt image? */
  updates?: 'in-place' | 'replace' | 'unsure';
  /** Will several components share a base image, each adding its own layers? */
  layers?: 'yes' | 'no' | 'unsure';
  /** Must versions be switched or rolled back instantly (blue/green)? */
  rollback?: 'yes' | 'no' | 'unsure';
  /** Is its filesystem built from a Dockerfile/Containerfile, or from a distribution image or template? */
  imageSource?: 'dockerfile' | 'distro-image' | 'unsure';
  /** Does it need a fleet of full Linux environments, of one distribution or of several? */
  fleet?: 'none' | 'identical' | 'mixed' | 'unsure';
  /** What schedules and runs it? */
  orchestrator?: 'none' | 'compose' | 'kubernetes' | 'nomad' | 'swarm' | 'other' | 'unsure';
  /** Does it run containers itself (Docker, Kubernetes nodes, LXD inside)? */
  nesting?: 'yes' | 'no' | 'unsure';
  /** Can it run on the host's Linux kernel, or does it need its own? */
  kernel?: 'shared' | 'own' | 'unsure';
}
