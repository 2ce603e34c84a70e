// The decisions of expect-exit: a helper that passed on the wrong code or
// the wrong message would let every exit-code test it runs pass vacuously.
#include "expect_exit_check.hpp"

#include <gtest/gtest.h>

namespace lukhas::testsupport {
namespace {

ExpectExitArgs args_for(int code, const std::string& pattern) {
  ParsedArgs p = parse_expect_exit_args({std::to_string(code), pattern, "--", "prog", "--flag"});
  EXPECT_TRUE(p.args) << p.error;
  return p.args ? *p.args : ExpectExitArgs{};
}

TEST(ExpectExit, PassesOnTheCodeAndAMatchingLine) {
  const auto v = judge_exit(args_for(2, "not expected: --no_such_flag"), 2,
                            "bench_memory: flag --no_such_flag not expected: --no_such_flag\n");
  EXPECT_TRUE(v.pass);
  EXPECT_EQ(v.message, "expect-exit: exit 2 and stderr matching /not expected: --no_such_flag/, as expected");
}

TEST(ExpectExit, FailsOnAnotherCodeEvenWhenTheMessageMatches) {
  const auto v = judge_exit(args_for(2, "bad flag"), 0, "bad flag\n");
  EXPECT_FALSE(v.pass);
  EXPECT_EQ(v.message, "expect-exit: 'prog --flag' exited 0, expected 2; its stderr:");
}

TEST(ExpectExit, FailsOnTheRightCodeWithAnotherMessage) {
  const auto v = judge_exit(args_for(77, "skipped: cannot connect"), 77, "skipped: no binaries\n");
  EXPECT_FALSE(v.pass);
  EXPECT_EQ(v.message,
            "expect-exit: 'prog --flag' exited 77 as expected, but stderr does not match "
            "/skipped: cannot connect/:");
}

TEST(ExpectExit, MatchesLineByLineAsGrepDoes) {
  const auto csv = args_for(0, "^name,iterations,real_time,cpu_time");
  EXPECT_TRUE(judge_exit(csv, 0, "Running x\nname,iterations,real_time,cpu_time,bytes\n").pass);
  EXPECT_FALSE(judge_exit(csv, 0, "Running x name,iterations,real_time,cpu_time\n").pass);
  // A last line without a newline still counts; $ anchors at each line end.
  EXPECT_TRUE(judge_exit(args_for(1, "done$"), 1, "first\nall done").pass);
  EXPECT_TRUE(judge_exit(args_for(1, "^first$"), 1, "first\nall done").pass);
  // Matching never spans lines.
  EXPECT_FALSE(judge_exit(args_for(1, "first.*done"), 1, "first\nall done").pass);
}

TEST(ExpectExit, EmptyStderrMatchesNothingNotEvenAnEmptyPattern) {
  EXPECT_FALSE(judge_exit(args_for(0, ""), 0, "").pass);
  EXPECT_TRUE(judge_exit(args_for(0, ""), 0, "\n").pass);
}

TEST(ExpectExit, ExtendedRegexSyntaxOfThePatternsInUse) {
  // Escaped parentheses and brackets are literal; .* spans within a line.
  EXPECT_TRUE(judge_exit(args_for(2, "connection string \\(from LUKHAS_PG_DSN\\)"), 2,
                         "malformed PostgreSQL connection string (from LUKHAS_PG_DSN): x\n")
                  .pass);
  EXPECT_FALSE(judge_exit(args_for(2, "connection string \\(from LUKHAS_PG_DSN\\)"), 2,
                          "malformed PostgreSQL connection string from LUKHAS_PG_DSN\n")
                   .pass);
  EXPECT_TRUE(judge_exit(args_for(0, "\"benchmarks\": \\["), 0, "  \"benchmarks\": [\n").pass);
  EXPECT_TRUE(judge_exit(args_for(2, "--lukhas_seed: .* got '18446744073709551616'"), 2,
                         "--lukhas_seed: expected a whole number, got '18446744073709551616'\n")
                  .pass);
  EXPECT_TRUE(judge_exit(args_for(1, "cannot write results to .*/expect-exit/r.json: Not a directory"), 1,
                         "cannot write results to /b/tests/support/expect-exit/r.json: Not a directory\n")
                  .pass);
  // Alternation and intervals, which a basic regex would not have.
  EXPECT_TRUE(judge_exit(args_for(1, "^(ok|failed) [0-9]{2}$"), 1, "failed 42\n").pass);
}

TEST(ExpectExit, ParsesTheArgumentsAndNamesWhatIsWrong) {
  auto p = parse_expect_exit_args({"77", "x", "prog", "a"});  // "--" is optional
  ASSERT_TRUE(p.args) << p.error;
  EXPECT_EQ(p.args->code, 77);
  EXPECT_EQ(p.args->command, (std::vector<std::string>{"prog", "a"}));

  p = parse_expect_exit_args({"seven", "x", "--", "prog"});
  EXPECT_FALSE(p.args);
  EXPECT_EQ(p.error, "CODE: expected an exit code from 0 to 255, got 'seven'");
  EXPECT_FALSE(parse_expect_exit_args({"256", "x", "--", "prog"}).args);
  EXPECT_FALSE(parse_expect_exit_args({"-1", "x", "--", "prog"}).args);

  p = parse_expect_exit_args({"0", "(unclosed", "--", "prog"});
  EXPECT_FALSE(p.args);
  EXPECT_NE(p.error.find("PATTERN: not an extended regex: /(unclosed/"), std::string::npos) << p.error;

  p = parse_expect_exit_args({"0", "x", "--"});
  EXPECT_FALSE(p.args);
  EXPECT_EQ(p.error, "COMMAND missing after '--'");
  EXPECT_FALSE(parse_expect_exit_args({"0", "x"}).args);
}

}  // namespace
}  // namespace lukhas::testsupport
