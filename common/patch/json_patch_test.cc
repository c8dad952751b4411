#include <catch2/catch.hpp>

#include "common/patch/patch.h"
#include "common/patch/test_util.h"

namespace kube::patch {
namespace {

using testing::Json;
using testing::SameJson;
using testing::Text;

struct Case {
  const char* doc;
  const char* patch;
  const char* result;  // or the error message, when error is set
  bool error = false;
};

void Run(const Case& c) {
  rapidjson::Document doc = Json(c.doc);
  absl::Status status = ApplyJsonPatch(doc, Json(c.patch));
  INFO(c.doc << " + " << c.patch << " -> " << status << " " << Text(doc));
  if (c.error) {
    CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    CHECK(status.message() == c.result);
    CHECK(SameJson(doc, c.doc));
  } else {
    REQUIRE(status.ok());
    CHECK(SameJson(doc, c.result));
  }
}

TEST_CASE("ApplyJsonPatch runs the six operations", "[patch][json]") {
  const Case cases[] = {
      // RFC 6902 appendix A.
      {R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])", R"({"baz":"qux","foo":"bar"})"},
      {R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])", R"({"foo":["bar","qux","baz"]})"},
      {R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])", R"({"foo":"bar"})"},
      {R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])", R"({"foo":["bar","baz"]})"},
      {R"({"baz":"qux","foo":"bar"})", R"([{"op":"replace","path":"/baz","value":"boo"}])", R"({"baz":"boo","foo":"bar"})"},
      {R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
       R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])",
       R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"},
      {R"({"foo":["all","grass","cows","eat"]})", R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])",
       R"({"foo":["all","cows","eat","grass"]})"},
      {R"({"baz":"qux","foo":["a",2,"c"]})",
       R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])",
       R"({"baz":"qux","foo":["a",2,"c"]})"},
      {R"({"foo":"bar"})", R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])",
       R"({"foo":"bar","child":{"grandchild":{}}})"},
      {R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])",
       R"({"foo":["bar",["abc","def"]]})"},
      {R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10},{"op":"remove","path":"/~1"}])",
       R"({"~1":10})"},
      {R"({"a":{"b":[1]}})", R"([{"op":"copy","from":"/a","path":"/c"},{"op":"add","path":"/c/b/0","value":0}])",
       R"({"a":{"b":[1]},"c":{"b":[0,1]}})"},
      {R"({"a":1})", R"([{"op":"replace","path":"","value":[1]}])", R"([1])"},
      {R"({"a":1})", R"([{"op":"test","path":"/missing","value":null}])", R"({"a":1})"},
      {R"({"a":1.0})", R"([{"op":"test","path":"/a","value":1}])", R"({"a":1})"},
      {R"({"a":1})", R"([])", R"({"a":1})"},
      {R"({"a":{"b":1}})", R"([{"op":"move","from":"/a","path":"/a"}])", R"({"a":{"b":1}})"},
  };
  for (const Case& c : cases) Run(c);
}

TEST_CASE("ApplyJsonPatch errors name the failing operation", "[patch][json]") {
  const Case cases[] = {
      {R"({"spec":{}})", R"([{"op":"add","path":"/spec/foo/bar","value":1}])",
       R"(add operation does not apply: doc is missing path: "/spec/foo/bar": missing value)", true},
      {R"({"a":1})", R"([{"op":"remove","path":"/b"}])",
       "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value", true},
      {R"({"a":[1]})", R"([{"op":"remove","path":"/a/3"}])",
       "error in remove for path: '/a/3': Unable to access invalid index: 3: invalid index referenced", true},
      {R"({"a":[1]})", R"([{"op":"add","path":"/a/3","value":1}])",
       "error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced", true},
      {R"({"a":[1]})", R"([{"op":"add","path":"/a/x","value":1}])",
       "error in add for path: '/a/x': value was not a proper array index: 'x'", true},
      {R"({"a":1})", R"([{"op":"replace","path":"/b","value":1}])",
       "replace operation does not apply: doc is missing key: /b: missing value", true},
      {R"({"a":1})", R"([{"op":"test","path":"/a","value":2}])", "testing value /a failed: test failed", true},
      {R"({"a":1})", R"([{"op":"move","from":"/x","path":"/y"}])",
       "move operation does not apply: doc is missing from path: /x: missing value", true},
      {R"({"a":{}})", R"([{"op":"move","from":"/a","path":"/a/b"}])",
       R"(move operation does not apply: cannot move "/a" into its own child "/a/b")", true},
      {R"({"a":1})", R"([{"op":"copy","from":"/a","path":"/x/y"}])",
       "copy operation does not apply: doc is missing destination path: /x/y: missing value", true},
      {R"({"a":1})", R"([{"op":"frob","path":"/a"}])", "Unexpected kind: frob", true},
      {R"({"a":1})", R"([{"path":"/a"}])", "Unexpected kind: unknown", true},
      {R"({"a":1})", R"([{"op":"add","value":1}])", "add operation failed to decode path: missing value", true},
      {R"({"a":1})", R"([{"op":"add","path":"/b"}])", "add operation failed to decode value: missing value", true},
      {R"({"a":1})", R"({"op":"add"})", "json: cannot unmarshal object into Go value of type jsonpatch.Patch", true},
      {R"({"a":1})", R"(["x"])", "json: cannot unmarshal string into Go value of type jsonpatch.Operation", true},
      // Earlier operations are undone when a later one fails.
      {R"({"a":1})", R"([{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":3}])",
       "testing value /a failed: test failed", true},
  };
  for (const Case& c : cases) Run(c);
}

TEST_CASE("ApplyJsonPatch bounds copies and depth", "[patch][json]") {
  // Doubling a value by copy would otherwise grow without limit.
  std::string patch = "[";
  for (int i = 0; i < 40; ++i) {
    if (i > 0) patch += ",";
    patch += R"({"op":"copy","from":"/a","path":"/a/x)" + std::to_string(i) + R"("})";
  }
  patch += "]";
  rapidjson::Document doc = Json(R"({"a":{"b":[1,2,3,4,5,6,7,8]}})");
  absl::Status status = ApplyJsonPatch(doc, Json(patch));
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);

  // Copying a value into itself 100 times nests deeper than any document may.
  patch = "[";
  std::string path = "/a";
  for (int i = 0; i < 100; ++i) {
    if (i > 0) patch += ",";
    patch += R"({"op":"copy","from":"/a","path":")" + path + R"(/a"})";
  }
  patch += "]";
  doc = Json(R"({"a":{}})");
  status = ApplyJsonPatch(doc, Json(patch));
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::patch
