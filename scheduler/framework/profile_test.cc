#include "scheduler/framework/profile.h"

#include <catch2/catch.hpp>

#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::framework {
namespace {

using testing::MakeNode;
using testing::MakePod;

// Rejects nodes whose name is in `reject`; scores a node by its name's length.
class FakePlugin final : public PreFilterPlugin, public FilterPlugin, public ScorePlugin {
 public:
  FakePlugin(std::string name, std::vector<std::string> reject, bool skip = false)
      : name_(std::move(name)), reject_(std::move(reject)), skip_(skip) {}
  std::string_view Name() const override { return name_; }
  PluginStatus PreFilter(CycleState&, const PodInfo&) override {
    return skip_ ? PluginStatus::Skip() : PluginStatus::Success();
  }
  PluginStatus Filter(const CycleState&, const PodInfo&, const NodeInfo& node) const override {
    for (const auto& name : reject_) {
      if (node.name() == name) return PluginStatus::Unschedulable(name_ + " says no");
    }
    return PluginStatus::Success();
  }
  int64_t Score(const CycleState&, const PodInfo&, const NodeInfo& node) const override {
    return static_cast<int64_t>(node.name().size());
  }

 private:
  std::string name_;
  std::vector<std::string> reject_;
  bool skip_;
};

std::unique_ptr<Profile> MakeProfile(bool skip_b) {
  std::vector<std::unique_ptr<Plugin>> plugins;
  plugins.push_back(std::make_unique<FakePlugin>("A", std::vector<std::string>{"n1"}));
  plugins.push_back(std::make_unique<FakePlugin>("B", std::vector<std::string>{"n1", "n2"}, skip_b));
  ProfileSpec spec;
  spec.filters = {"A", "B"};
  spec.scores = {{"A", 1}, {"B", 3}};
  auto profile = Profile::Create(spec, std::move(plugins));
  REQUIRE(profile.ok());
  return std::move(*profile);
}

TEST_CASE("Profile runs filters in order and names the first rejection", "[framework]") {
  auto profile = MakeProfile(false);
  auto pod = MakePod("p").Info();
  CycleState state;
  REQUIRE(profile->RunPreFilter(state, *pod).ok());
  PluginStatus n1 = profile->RunFilter(state, *pod, MakeNode("n1").Info());
  CHECK(n1.plugin() == "A");
  CHECK(n1.Message() == "A says no");
  CHECK(profile->RunFilter(state, *pod, MakeNode("n2").Info()).plugin() == "B");
  CHECK(profile->RunFilter(state, *pod, MakeNode("n3").Info()).ok());
}

TEST_CASE("Profile skips a filter whose PreFilter says Skip", "[framework]") {
  auto profile = MakeProfile(true);
  auto pod = MakePod("p").Info();
  CycleState state;
  REQUIRE(profile->RunPreFilter(state, *pod).ok());
  CHECK(profile->RunFilter(state, *pod, MakeNode("n2").Info()).ok());
}

TEST_CASE("Profile weights scores", "[framework]") {
  auto profile = MakeProfile(false);
  auto pod = MakePod("p").Info();
  CycleState state;
  NodeInfo a = MakeNode("ab").Info(), b = MakeNode("abcd").Info();
  Parallelizer parallelizer(2);
  std::vector<int64_t> totals = profile->RunScore(state, *pod, {&a, &b}, parallelizer);
  CHECK(totals == std::vector<int64_t>{2 * 4, 4 * 4});
}

TEST_CASE("Profile rejects unknown plugins", "[framework]") {
  ProfileSpec spec;
  spec.filters = {"Nope"};
  CHECK_FALSE(Profile::Create(spec, {}).ok());
}

TEST_CASE("DefaultNormalizeScore", "[framework]") {
  std::vector<int64_t> scores = {0, 5, 10};
  DefaultNormalizeScore(100, false, scores);
  CHECK(scores == std::vector<int64_t>{0, 50, 100});
  DefaultNormalizeScore(100, true, scores);
  CHECK(scores == std::vector<int64_t>{100, 50, 0});
  std::vector<int64_t> zeros = {0, 0};
  DefaultNormalizeScore(100, true, zeros);
  CHECK(zeros == std::vector<int64_t>{100, 100});
}

}  // namespace
}  // namespace kube::scheduler::framework
