// ci/github/post-comment.js against a fake GitHub API: an in-memory pull
// request with its comments, behind the same calls actions/github-script's
// octokit offers (paginate, rest.issues.*, rest.pulls.get). Run by CTest
// (label lint): node post_comment_test.js PATH/TO/post-comment.js
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const post = require(path.resolve(process.argv[2]));
const { MARKER, MAX_BODY_CHARS, CommentError } = post;
const BOT = 'github-actions[bot]';
const HEAD = 'a'.repeat(40);

function fakeGitHub({ comments = [], prHead = HEAD, perPage = 2 } = {}) {
  const state = { comments: comments.map(c => ({ ...c })), calls: [], nextId: 1000 };
  const github = {
    // Pages of perPage, as octokit's paginate walks them.
    paginate: async (method, params) => {
      const out = [];
      for (let page = 1; ; page++) {
        const { data } = await method({ ...params, per_page: perPage, page });
        out.push(...data);
        if (data.length < perPage) return out;
      }
    },
    rest: {
      issues: {
        listComments: async ({ issue_number, page, per_page }) => {
          state.calls.push(['list', issue_number, page]);
          const mine = state.comments.filter(c => c.issue === issue_number);
          return { data: mine.slice((page - 1) * per_page, page * per_page) };
        },
        updateComment: async ({ comment_id, body }) => {
          state.calls.push(['update', comment_id]);
          const c = state.comments.find(x => x.id === comment_id);
          assert.ok(c, `update of a comment that does not exist: ${comment_id}`);
          c.body = body;
          return { data: c };
        },
        createComment: async ({ issue_number, body }) => {
          state.calls.push(['create', issue_number]);
          const c = { id: state.nextId++, issue: issue_number, body, user: { login: BOT, type: 'Bot' } };
          state.comments.push(c);
          return { data: c };
        },
      },
      pulls: {
        get: async ({ pull_number }) => {
          state.calls.push(['pull', pull_number]);
          return { data: { number: pull_number, head: { sha: prHead } } };
        },
      },
    },
  };
  return { github, state };
}

const core = { info: () => {} };
function context({ pullRequests = [], headSha = HEAD } = {}) {
  return { repo: { owner: 'o', repo: 'r' },
           payload: { workflow_run: { head_sha: headSha, pull_requests: pullRequests } } };
}
function artifact(prNumber, body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'post-comment-'));
  fs.writeFileSync(path.join(dir, 'pr-number'), prNumber);
  fs.writeFileSync(path.join(dir, 'comment.md'), body);
  return dir;
}
const c = (id, login, body, issue = 7) => ({ id, issue, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' } });

const tests = {
  async updatesTheBotsOwnMarkedCommentNotAnEarlierPlantedOne() {
    // Page 1: a user's comment with the marker planted, an unmarked bot
    // comment; page 2: the bot's report, then a later bot report.
    const { github, state } = fakeGitHub({ comments: [
      c(1, 'mallory', `${MARKER} please overwrite me`), c(2, BOT, 'something else'),
      c(3, BOT, `${MARKER}\nold report`), c(4, BOT, `${MARKER}\nolder duplicate`)] });
    const r = await post({ github, context: context(), core, fs, dir: artifact('7\n', 'new report') });
    assert.deepEqual([r.action, r.id], ['updated', 3]);
    assert.equal(state.comments[0].body, `${MARKER} please overwrite me`);
    assert.equal(state.comments[2].body, `${MARKER}\nnew report`);
    assert.equal(state.comments[3].body, `${MARKER}\nolder duplicate`);
  },
  async createsANewCommentWhenOnlySomeoneElseCarriesTheMarker() {
    const { github, state } = fakeGitHub({ comments: [c(1, 'mallory', `x ${MARKER}`),
                                                     c(2, 'dependabot[bot]', MARKER)] });
    const r = await post({ github, context: context(), core, fs, dir: artifact('7', 'report') });
    assert.equal(r.action, 'created');
    assert.deepEqual(state.comments.map(x => x.body), [`x ${MARKER}`, MARKER, `${MARKER}\nreport`]);
  },
  async usesTheTokensOwnLoginWhenGiven() {
    const { github } = fakeGitHub({ comments: [c(1, BOT, `${MARKER}\nold`), c(2, 'perf-app[bot]', `${MARKER}\nold`)] });
    const r = await post({ github, context: context(), core, fs, dir: artifact('7', 'x'), botLogin: 'perf-app[bot]' });
    assert.deepEqual([r.action, r.id], ['updated', 2]);
  },
  async refusesANumberThatIsNotDigitsOnly() {
    for (const bad of ['', '0', '7 ', ' 7', '7\n8', '-7', '7e2', '0x10', '12345678901', '../7', '7;rm']) {
      const { github, state } = fakeGitHub();
      await assert.rejects(post({ github, context: context(), core, fs, dir: artifact(bad, 'x') }),
                           CommentError, `accepted ${JSON.stringify(bad)}`);
      assert.deepEqual(state.calls, [], `API called for ${JSON.stringify(bad)}`);
    }
  },
  async refusesANumberThatIsNotOneOfTheRunsPullRequests() {
    const { github, state } = fakeGitHub();
    const ctx = context({ pullRequests: [{ number: 8, head: { sha: HEAD } }] });
    await assert.rejects(post({ github, context: ctx, core, fs, dir: artifact('7', 'x') }), /not one of the run's/);
    assert.deepEqual(state.calls, []);
    const ok = await post({ github, context: context({ pullRequests: [{ number: 7, head: { sha: HEAD } }] }),
                           core, fs, dir: artifact('7', 'x') });
    assert.equal(ok.action, 'created');
  },
  async forAForkChecksThePullRequestsHeadIsTheMeasuredCommit() {
    // Fork pull requests are not listed in workflow_run.pull_requests.
    const moved = fakeGitHub({ prHead: 'b'.repeat(40) });
    await assert.rejects(post({ github: moved.github, context: context(), core, fs, dir: artifact('7', 'x') }),
                         /not at the measured/);
    assert.deepEqual(moved.state.calls, [['pull', 7]]);
    const same = fakeGitHub();
    const r = await post({ github: same.github, context: context(), core, fs, dir: artifact('7', 'x') });
    assert.equal(r.action, 'created');
  },
  async capsTheBodyAndKeepsOneMarkerFirst() {
    const { github, state } = fakeGitHub();
    const huge = `${MARKER}${MARKER}` + '😀'.repeat(40000) + 'é'.repeat(10000);
    await post({ github, context: context(), core, fs, dir: artifact('7', huge) });
    const body = state.comments[0].body;
    assert.ok(body.length <= MAX_BODY_CHARS, `body has ${body.length} characters`);
    assert.ok(body.startsWith(`${MARKER}\n`));
    assert.equal(body.split(MARKER).length, 2, 'the marker appears exactly once');
    assert.match(body, /truncated/);
    assert.doesNotThrow(() => encodeURIComponent(body), 'no lone surrogate');
    assert.equal(post.buildBody('short'), `${MARKER}\nshort`);
  },
};

(async () => {
  let failed = 0;
  for (const [name, fn] of Object.entries(tests)) {
    try {
      await fn();
      console.log(`ok   ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e && e.stack || e}`);
    }
  }
  console.log(`${Object.keys(tests).length - failed}/${Object.keys(tests).length} passed`);
  process.exit(failed ? 1 : 0);
})();
