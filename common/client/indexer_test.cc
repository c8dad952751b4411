#include "common/client/indexer.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "common/client/lister.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client {
namespace {

using k8s::core::v1::Pod;

std::shared_ptr<const Pod> MakePod(const std::string& ns, const std::string& name,
                                   const std::string& node, const std::string& app = "web") {
  auto pod = std::make_shared<Pod>();
  pod->mutable_metadata()->set_namespace_(ns);
  pod->mutable_metadata()->set_name(name);
  (*pod->mutable_metadata()->mutable_labels())["app"] = app;
  pod->mutable_spec()->set_nodename(node);
  return pod;
}

std::vector<std::string> ByNode(const google::protobuf::Message& object) {
  const auto& pod = static_cast<const Pod&>(object);
  if (pod.spec().nodename().empty()) return {};
  return {pod.spec().nodename()};
}

std::vector<std::string> Sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

template <typename Ptrs>
std::vector<std::string> Names(const Ptrs& objects) {
  std::vector<std::string> names;
  for (const auto& object : objects) {
    names.push_back(static_cast<const Pod&>(*object).metadata().name());
  }
  return Sorted(names);
}

TEST_CASE("keys are namespace/name") {
  CHECK(ObjectKey("ns", "a") == "ns/a");
  CHECK(ObjectKey("", "node-1") == "node-1");
  CHECK(ObjectKey(*MakePod("x", "y", "")) == "x/y");
  CHECK(SplitObjectKey("ns/a") == std::pair<std::string, std::string>{"ns", "a"});
  CHECK(SplitObjectKey("n1") == std::pair<std::string, std::string>{"", "n1"});
}

TEST_CASE("Indexer keeps its indexes in step with writes") {
  Indexer indexer;
  REQUIRE(indexer.AddIndex("node", &ByNode).ok());
  CHECK(indexer.AddIndex("node", &ByNode).code() == absl::StatusCode::kAlreadyExists);

  CHECK(indexer.Upsert(MakePod("a", "p1", "n1")) == nullptr);
  CHECK(indexer.Upsert(MakePod("a", "p2", "n1")) == nullptr);
  CHECK(indexer.Upsert(MakePod("b", "p3", "n2")) == nullptr);
  CHECK(indexer.Upsert(MakePod("b", "p4", "")) == nullptr);
  CHECK(indexer.size() == 4);
  CHECK(Names(*indexer.ByIndex("node", "n1")) == std::vector<std::string>{"p1", "p2"});
  CHECK(Names(*indexer.ByIndex(kNamespaceIndex, "b")) == std::vector<std::string>{"p3", "p4"});
  CHECK(Sorted(*indexer.IndexValues("node")) == std::vector<std::string>{"n1", "n2"});

  // Moving p2 to n2 refiles it; the replaced object is returned.
  CachedObject old = indexer.Upsert(MakePod("a", "p2", "n2"));
  REQUIRE(old != nullptr);
  CHECK(static_cast<const Pod&>(*old).spec().nodename() == "n1");
  CHECK(Names(*indexer.ByIndex("node", "n1")) == std::vector<std::string>{"p1"});
  CHECK(Sorted(*indexer.IndexKeys("node", "n2")) == std::vector<std::string>{"a/p2", "b/p3"});

  CHECK(indexer.Remove("a/p1") != nullptr);
  CHECK(indexer.Remove("a/p1") == nullptr);
  CHECK(indexer.ByIndex("node", "n1")->empty());
  CHECK(Sorted(*indexer.IndexValues("node")) == std::vector<std::string>{"n2"});
  CHECK(indexer.Get("b/p3") != nullptr);
  CHECK(indexer.Get("a/p1") == nullptr);
  CHECK(Sorted(indexer.ListKeys()) == std::vector<std::string>{"a/p2", "b/p3", "b/p4"});
  CHECK(indexer.ByIndex("missing", "x").status().code() == absl::StatusCode::kNotFound);

  // An index added later files what is already there.
  REQUIRE(indexer.AddIndex("app", [](const google::protobuf::Message& object) {
                   return std::vector<std::string>{
                       static_cast<const Pod&>(object).metadata().labels().at("app")};
                 }).ok());
  CHECK(indexer.ByIndex("app", "web")->size() == 3);
}

TEST_CASE("Lister answers Get, List with selectors, namespaces and indexes") {
  auto indexer = std::make_shared<Indexer>();
  REQUIRE(indexer->AddIndex("node", &ByNode).ok());
  indexer->Upsert(MakePod("a", "p1", "n1", "web"));
  indexer->Upsert(MakePod("a", "p2", "n1", "db"));
  indexer->Upsert(MakePod("b", "p3", "n2", "web"));
  Lister<Pod> lister(indexer);

  REQUIRE(lister.Get("a", "p1") != nullptr);
  CHECK(lister.Get("a", "p1")->spec().nodename() == "n1");
  CHECK(lister.Get("b", "p1") == nullptr);
  CHECK(lister.GetByKey("b/p3") != nullptr);
  CHECK(Names(lister.List()) == std::vector<std::string>{"p1", "p2", "p3"});
  auto web = selectors::LabelSelector::Parse("app=web");
  REQUIRE(web.ok());
  CHECK(Names(lister.List(*web)) == std::vector<std::string>{"p1", "p3"});
  CHECK(Names(lister.List("a")) == std::vector<std::string>{"p1", "p2"});
  CHECK(Names(lister.List("a", *web)) == std::vector<std::string>{"p1"});
  CHECK(lister.List("c").empty());
  CHECK(Names(*lister.ByIndex("node", "n1")) == std::vector<std::string>{"p1", "p2"});
  CHECK_FALSE(lister.ByIndex("nope", "n1").ok());
}

TEST_CASE("Indexer is safe for concurrent readers and a writer") {
  Indexer indexer;
  REQUIRE(indexer.AddIndex("node", &ByNode).ok());
  std::atomic<bool> done{false};
  std::atomic<int> null_objects{0};  // Catch2 assertions are not thread-safe
  std::thread reader([&] {
    while (!done.load()) {
      for (const CachedObject& object : *indexer.ByIndex("node", "n1")) {
        if (object == nullptr) ++null_objects;
      }
      for (const CachedObject& object : indexer.List()) {
        if (object == nullptr) ++null_objects;
      }
    }
  });
  for (int i = 0; i < 2000; ++i) {
    indexer.Upsert(MakePod("a", "p" + std::to_string(i % 50), i % 2 ? "n1" : "n2"));
    if (i % 7 == 0) indexer.Remove("a/p" + std::to_string(i % 50));
  }
  done = true;
  reader.join();
  CHECK(null_objects == 0);
  CHECK(indexer.size() <= 50);
}

}  // namespace
}  // namespace kube::client
