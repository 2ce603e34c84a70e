// The context manager on a manual clock: no test sleeps or depends on speed.
#include <gtest/gtest.h>

#include <thread>

#include "core/handoff/context_manager.hpp"
#include "core/handoff/prompt.hpp"
#include "core/handoff/relevance.hpp"

namespace lukhas::handoff {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Entry make(std::string prompt, double relevance = 1.0, std::string response = "ok") {
  Entry e;
  e.prompt = std::move(prompt);
  e.response = std::move(response);
  e.relevance = relevance;
  e.session_id = "s1";
  e.task_context = "test";
  return e;
}

class ContextManagerTest : public ::testing::Test {
 protected:
  ManualClock clock;
  ContextManager mgr{clock};
};

TEST_F(ContextManagerTest, UpdateAssignsIdAndTimestamp) {
  const std::string id = mgr.update("c", make("hello"));
  EXPECT_FALSE(id.empty());
  const auto stored = mgr.stored_entries("c");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].id, id);
  EXPECT_EQ(stored[0].timestamp, clock.now());
}

TEST_F(ContextManagerTest, UnknownContextIsEmpty) {
  const ContextView v = mgr.get("nope");
  EXPECT_TRUE(v.entries.empty());
  EXPECT_TRUE(v.summaries.empty());
  EXPECT_EQ(mgr.enhance_prompt("nope", "just this"), "just this");
}

TEST_F(ContextManagerTest, DecayIsComputedOnReadWithoutChangingStoredRelevance) {
  mgr.update("c", make("q"));
  clock.advance(hours(12));
  const ContextView first = mgr.get("c");
  const ContextView second = mgr.get("c");
  ASSERT_EQ(first.entries.size(), 1u);
  ASSERT_EQ(second.entries.size(), 1u);
  EXPECT_DOUBLE_EQ(first.entries[0].relevance, 1.0 - 12.0 * 0.1 / 24.0);
  EXPECT_DOUBLE_EQ(second.entries[0].relevance, first.entries[0].relevance);
  EXPECT_DOUBLE_EQ(first.entries[0].entry.relevance, 1.0);  // the copy carries the stored value
  EXPECT_DOUBLE_EQ(mgr.stored_entries("c")[0].relevance, 1.0);
}

TEST_F(ContextManagerTest, StoredRelevanceScalesTheDecay) {
  mgr.update("c", make("q", 0.5));
  clock.advance(hours(6));
  const ContextView v = mgr.get("c");
  ASSERT_EQ(v.entries.size(), 1u);
  EXPECT_DOUBLE_EQ(v.entries[0].relevance, 0.5 * (1.0 - 6.0 * 0.1 / 24.0));
}

TEST_F(ContextManagerTest, EntriesAtOrBelowTheFloorAreNotReturned) {
  mgr.update("c", make("low", 0.1));
  mgr.update("c", make("barely", 0.11));
  const ContextView v = mgr.get("c");
  ASSERT_EQ(v.entries.size(), 1u);
  EXPECT_EQ(v.entries[0].entry.prompt, "barely");
  EXPECT_EQ(v.live_entries, 2u);  // kept in storage, just not relevant enough
}

TEST_F(ContextManagerTest, EntriesOlderThan24HoursExpire) {
  mgr.update("c", make("old"));
  clock.advance(hours(1));
  mgr.update("c", make("newer"));
  clock.advance(hours(23));  // "old" is exactly 24 h old: kept
  EXPECT_EQ(mgr.get("c").entries.size(), 2u);
  clock.advance(seconds(1));
  const ContextView v = mgr.get("c");
  ASSERT_EQ(v.entries.size(), 1u);
  EXPECT_EQ(v.entries[0].entry.prompt, "newer");
  EXPECT_EQ(mgr.stats("c").entries, 1u);  // dropped from storage too
}

TEST_F(ContextManagerTest, ReturnsTheTenMostRelevantInOrder) {
  for (int i = 0; i < 15; ++i) mgr.update("c", make("p" + std::to_string(i), 0.2 + 0.05 * i));
  const ContextView v = mgr.get("c");
  ASSERT_EQ(v.entries.size(), 10u);
  for (int k = 0; k < 10; ++k) EXPECT_EQ(v.entries[static_cast<std::size_t>(k)].entry.prompt, "p" + std::to_string(14 - k));
}

TEST_F(ContextManagerTest, TiesGoToTheNewest) {
  // Same stored relevance and the same timestamp: insertion order decides.
  for (int i = 0; i < 12; ++i) mgr.update("c", make("t" + std::to_string(i), 0.5));
  const ContextView v = mgr.get("c");
  ASSERT_EQ(v.entries.size(), 10u);
  for (int k = 0; k < 10; ++k) EXPECT_EQ(v.entries[static_cast<std::size_t>(k)].entry.prompt, "t" + std::to_string(11 - k));
}

TEST(RankTop, EqualRelevanceOrdersByTimestampThenInsertion) {
  const TimePoint t0{};
  std::vector<Candidate> c = {{0.5, t0 + seconds(1), 0}, {0.5, t0 + seconds(3), 1}, {0.9, t0, 2},
                              {0.5, t0 + seconds(3), 3}, {0.5, t0 + seconds(2), 4}};
  ASSERT_EQ(rank_top(c, 4), 4u);
  EXPECT_EQ(c[0].index, 2u);
  EXPECT_EQ(c[1].index, 3u);
  EXPECT_EQ(c[2].index, 1u);
  EXPECT_EQ(c[3].index, 4u);
}

TEST(DecayFactor, FollowsTheDocumentedFormulaAndItsFloor) {
  const Policy p;
  EXPECT_DOUBLE_EQ(decay_factor(hours(0), p), 1.0);
  EXPECT_DOUBLE_EQ(decay_factor(hours(24), p), 0.9);
  EXPECT_DOUBLE_EQ(decay_factor(hours(24 * 9), p), 0.1);
  EXPECT_DOUBLE_EQ(decay_factor(hours(24 * 20), p), 0.1);
  EXPECT_DOUBLE_EQ(decay_factor(-hours(5), p), 1.0);  // clock skew: never above 1
}

TEST_F(ContextManagerTest, CompressionReplacesOldEntriesWithACountedSummary) {
  const TimePoint t0 = clock.now();
  for (int i = 0; i < 1000; ++i) {
    mgr.update("c", make("topic " + std::to_string(i), i == 500 ? 0.99 : 0.5));
    clock.advance(seconds(1));
  }
  EXPECT_EQ(mgr.stats("c").summaries, 0u);  // at the limit, not above it
  clock.advance(hours(2));
  mgr.update("c", make("fresh"));
  const ContextStats s = mgr.stats("c");
  EXPECT_EQ(s.entries, 1u);
  ASSERT_EQ(s.summaries, 1u);
  const Summary sum = mgr.stored_summaries("c").at(0);
  EXPECT_EQ(sum.original_count, 1000u);
  EXPECT_EQ(sum.from, t0);
  EXPECT_EQ(sum.to, t0 + seconds(999));
  ASSERT_EQ(sum.key_points.size(), 10u);
  EXPECT_EQ(sum.key_points[0], "topic 500");  // the most relevant comes first
  EXPECT_NE(sum.text.find("1000 earlier exchanges"), std::string::npos) << sum.text;
}

TEST_F(ContextManagerTest, NoCompressionWithFewerThanTenOldEntries) {
  for (int i = 0; i < 9; ++i) mgr.update("c", make("old"));
  clock.advance(hours(2));
  for (int i = 0; i < 992; ++i) mgr.update("c", make("new"));
  const ContextStats s = mgr.stats("c");
  EXPECT_EQ(s.entries, 1001u);
  EXPECT_EQ(s.summaries, 0u);
  mgr.update("c", make("new"));  // still only 9 old ones
  EXPECT_EQ(mgr.stats("c").summaries, 0u);
}

TEST_F(ContextManagerTest, CompressionKeepsTheEntryCountBoundedAndLosesNothing) {
  // One exchange every 10 s for 10 hours: 3600 entries, of which at most one
  // hour's worth (360) is ever too young to compress.
  std::size_t max_entries = 0;
  for (int i = 0; i < 3600; ++i) {
    mgr.update("c", make("x"));
    clock.advance(seconds(10));
    max_entries = std::max(max_entries, mgr.stats("c").entries);
  }
  EXPECT_LE(max_entries, 1001u);
  std::size_t summarised = 0;
  for (const Summary& s : mgr.stored_summaries("c")) summarised += s.original_count;
  EXPECT_GE(mgr.stats("c").summaries, 1u);
  EXPECT_EQ(summarised + mgr.stats("c").entries, 3600u);
}

Summary summary_at(std::string id, TimePoint created) {
  Summary s;
  s.id = id;
  s.text = "summary " + id;
  s.created_at = created;
  s.from = s.to = created;
  s.original_count = 10;
  return s;
}

TEST_F(ContextManagerTest, ReturnsTheFiveNewestSummariesYoungerThan48Hours) {
  const TimePoint now = clock.now();
  std::vector<Summary> sums;
  for (int i = 0; i < 7; ++i) sums.push_back(summary_at("s" + std::to_string(i), now - hours(7 - i)));
  sums.push_back(summary_at("ancient", now - hours(48)));
  mgr.load("c", {}, sums);
  const ContextView v = mgr.get("c");
  ASSERT_EQ(v.summaries.size(), 5u);
  for (int k = 0; k < 5; ++k) EXPECT_EQ(v.summaries[static_cast<std::size_t>(k)].id, "s" + std::to_string(6 - k));
  EXPECT_EQ(mgr.stats("c").summaries, 7u);  // the 48 h old one is gone from storage
}

TEST_F(ContextManagerTest, SummariesExpireAt48Hours) {
  mgr.load("c", {}, {summary_at("s", clock.now())});
  clock.advance(hours(47) + minutes(59));
  EXPECT_EQ(mgr.get("c").summaries.size(), 1u);
  EXPECT_NE(mgr.enhance_prompt("c", "p").find("summary s"), std::string::npos);
  clock.advance(minutes(1));
  EXPECT_EQ(mgr.enhance_prompt("c", "p"), "p");
  EXPECT_TRUE(mgr.get("c").summaries.empty());
}

TEST_F(ContextManagerTest, EnhancePromptHasNewestSummaryAndLastThreeExchangesCut) {
  const TimePoint now = clock.now();
  mgr.load("c", {}, {summary_at("older", now - hours(2)), summary_at("newest", now - hours(1))});
  std::string long_prompt;
  for (int i = 0; i < 250; ++i) long_prompt += "é";  // 2 bytes each: a byte cut would split one
  const std::string long_response(400, 'r');
  mgr.update("c", make("first", 1.0, "first answer"));
  mgr.update("c", make(long_prompt, 1.0, long_response));
  mgr.update("c", make("third", 1.0, "third answer"));
  mgr.update("c", make("fourth", 1.0, "fourth answer"));

  const std::string out = mgr.enhance_prompt("c", "What next?");
  std::string cut_prompt;
  for (int i = 0; i < 200; ++i) cut_prompt += "é";
  const std::string expected = "[Context summary]\nsummary newest\n\n"
                               "[Recent exchanges]\n"
                               "User: " + cut_prompt + "\nAssistant: " + std::string(300, 'r') + "\n"
                               "User: third\nAssistant: third answer\n"
                               "User: fourth\nAssistant: fourth answer\n\n"
                               "[Current prompt]\nWhat next?";
  EXPECT_EQ(out, expected);
}

TEST(TruncateChars, CutsOnCharacterBoundaries) {
  EXPECT_EQ(truncate_chars("abcdef", 3), "abc");
  EXPECT_EQ(truncate_chars("ab", 3), "ab");
  EXPECT_EQ(truncate_chars("", 3), "");
  EXPECT_EQ(truncate_chars("héllo", 2), "hé");
  EXPECT_EQ(truncate_chars("🌍🌍🌍", 2), "🌍🌍");
  EXPECT_EQ(truncate_chars("abc", 0), "");
  EXPECT_EQ(truncate_chars("\x80\x80" "ab", 1), "\x80\x80" "a");  // stray continuations never start a cut
}

TEST_F(ContextManagerTest, HandoffConsumerSeesTheProducersEntry) {
  mgr.update("c", make("earlier"));
  clock.advance(minutes(5));
  const HandoffResult r = mgr.handoff("c", make("from model A", 1.0, "A's answer"), "B continues");
  ASSERT_EQ(r.context.entries.size(), 2u);
  EXPECT_EQ(r.context.entries[0].entry.prompt, "from model A");  // newest is most relevant
  EXPECT_NE(r.enhanced_prompt.find("Assistant: A's answer"), std::string::npos);
  EXPECT_EQ(r.enhanced_prompt.substr(r.enhanced_prompt.size() - 11), "B continues");
}

TEST_F(ContextManagerTest, ContextsAreIndependent) {
  mgr.update("a", make("for a"));
  mgr.update("b", make("for b"));
  ASSERT_EQ(mgr.get("a").entries.size(), 1u);
  EXPECT_EQ(mgr.get("a").entries[0].entry.prompt, "for a");
}

TEST_F(ContextManagerTest, ConcurrentProducersAndConsumersLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 400;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        mgr.update(t % 2 == 0 ? "shared" : "other", make("x"));
        (void)mgr.get("shared");
        (void)mgr.enhance_prompt("shared", "p");
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mgr.stats("shared").entries, 800u);  // all fresh: above 1000 nothing is old enough
  EXPECT_EQ(mgr.stats("other").entries, 800u);
}

}  // namespace
}  // namespace lukhas::handoff
