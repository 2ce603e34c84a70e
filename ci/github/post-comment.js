// Posts the performance report on its pull request (docs/gate.md, "The
// GitHub Actions workflow"). Runs in the `performance comment` workflow
// (ci/github/performance-comment.yml, on workflow_run) through
// actions/github-script, with a token that may write pull request comments:
// so everything it reads from the measuring run's artifact is untrusted data
// (a fork's pull request controls the code that wrote it). It never runs
// anything from the pull request; it only reads two files:
//
//   DIR/pr-number   the pull request number, digits only
//   DIR/comment.md  the Markdown report
//
// and keeps ONE comment per pull request up to date: the first comment that
// carries the hidden marker AND was written by this workflow's own bot
// account. A comment with the marker from anyone else is left alone (anyone
// can paste the marker), and a new comment is created instead.
//
// Exported as a function of injected values (github, context, core, fs) so
// that tests/gate/post_comment_test.js can run it against a fake API.
'use strict';

const MARKER = '<!-- lukhas-perf -->';
// GitHub refuses comment bodies over 65,536 characters; stay below it with
// room for the marker and the truncation note.
const MAX_BODY_CHARS = 65000;
const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

class CommentError extends Error {}

// The number as written by the measuring workflow: 1 to 10 digits, nothing
// else (a trailing newline is tolerated).
function parsePrNumber(text) {
  const t = String(text).replace(/\r?\n$/, '');
  if (!/^[1-9][0-9]{0,9}$/.test(t)) {
    throw new CommentError(`pr-number is not a pull request number: ${JSON.stringify(t.slice(0, 40))}`);
  }
  return Number(t);
}

// The marker first (so that the comment is found again), never the
// artifact's own copies of it, and at most MAX_BODY_CHARS characters in all,
// cut on a code point boundary.
function buildBody(untrusted, maxChars = MAX_BODY_CHARS) {
  const text = String(untrusted).split(MARKER).join('');
  const head = `${MARKER}\n`;
  const note = '\n\n*(truncated: the full report is in the perf-report artifact of the run)*\n';
  if (head.length + text.length <= maxChars) return head + text;
  let cut = text.slice(0, Math.max(0, maxChars - head.length - note.length));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);  // half a surrogate pair
  return head + cut + note;
}

function isOwnReport(comment, botLogin) {
  return Boolean(comment && comment.user && comment.user.login === botLogin &&
                 typeof comment.body === 'string' && comment.body.includes(MARKER));
}

// The number from the artifact must name the pull request the measured run
// was for. workflow_run lists its pull requests for same-repository branches
// (empty for forks): then the number must be among them. Otherwise the pull
// request's current head must be the commit the run measured.
async function checkPullRequest({ github, owner, repo, run, number }) {
  const listed = Array.isArray(run.pull_requests) ? run.pull_requests : [];
  if (listed.length > 0) {
    const match = listed.find(pr => pr.number === number);
    if (!match) {
      throw new CommentError(`pull request #${number} is not one of the run's (${listed.map(p => p.number).join(', ')})`);
    }
    if (match.head && match.head.sha && match.head.sha !== run.head_sha) {
      throw new CommentError(`pull request #${number} has moved on from ${run.head_sha}: a newer run reports it`);
    }
    return;
  }
  const { data: pr } = await github.rest.pulls.get({ owner, repo, pull_number: number });
  if (!pr.head || pr.head.sha !== run.head_sha) {
    throw new CommentError(`pull request #${number} is at ${pr.head && pr.head.sha}, not at the measured ${run.head_sha}`);
  }
}

async function postComment({ github, context, core, fs, dir, botLogin = DEFAULT_BOT_LOGIN }) {
  const run = context.payload.workflow_run;
  if (!run) throw new CommentError('not a workflow_run event');
  const { owner, repo } = context.repo;
  const number = parsePrNumber(fs.readFileSync(`${dir}/pr-number`, 'utf8'));
  await checkPullRequest({ github, owner, repo, run, number });
  const body = buildBody(fs.readFileSync(`${dir}/comment.md`, 'utf8'));

  const comments = await github.paginate(github.rest.issues.listComments,
                                         { owner, repo, issue_number: number, per_page: 100 });
  const previous = comments.find(c => isOwnReport(c, botLogin));
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
    core.info(`updated comment ${previous.id} on #${number}`);
    return { action: 'updated', id: previous.id, number };
  }
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  core.info(`created comment ${data && data.id} on #${number}`);
  return { action: 'created', id: data && data.id, number };
}

module.exports = postComment;
module.exports.postComment = postComment;
module.exports.parsePrNumber = parsePrNumber;
module.exports.buildBody = buildBody;
module.exports.isOwnReport = isOwnReport;
module.exports.CommentError = CommentError;
module.exports.MARKER = MARKER;
module.exports.MAX_BODY_CHARS = MAX_BODY_CHARS;
