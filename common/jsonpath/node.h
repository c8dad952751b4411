#pragma once

// The parsed form of a JSONPath template, node for node as upstream's parser builds it.

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rapidjson/document.h"

namespace kube::jsonpath {

enum class NodeType {
  kList,        // the nodes of one {action}, or of a filter side or union branch
  kText,        // literal text outside actions, or a quoted string inside one
  kField,       // .name
  kArray,       // [n], [a:b:c], [*]
  kFilter,      // [?(left op right)] or [?(left)]
  kInt,         // integer literal
  kFloat,       // float literal
  kBool,        // true / false
  kWildcard,    // .*
  kRecursive,   // ..
  kUnion,       // [a,b]
  kIdentifier,  // a bare word such as range or end
};

// One bound of [start:end:step]. `derived` marks the end of [n], which is n+1.
struct ArrayParam {
  int64_t value = 0;
  bool known = false;
  bool derived = false;
};

struct Node;
using NodeList = std::vector<Node>;

struct Node {
  explicit Node(NodeType node_type = NodeType::kList, std::string node_name = {})
      : type(node_type), name(std::move(node_name)) {}

  NodeType type;
  // kField: the key; kIdentifier: the word; kFilter: the operator ("==", ..., "exists").
  std::string name;
  std::array<ArrayParam, 3> params;  // kArray
  NodeList nodes;                    // kList
  // kUnion: one list per branch; kFilter: {left, right}.
  std::vector<NodeList> lists;
  // kText, kInt, kFloat, kBool: the value, owned by the template's Literals.
  const rapidjson::Value* literal = nullptr;
};

// The literal values of a template. A deque keeps their addresses stable, so results
// may point at them as they point into the document.
struct Literals {
  rapidjson::MemoryPoolAllocator<> allocator;
  std::deque<rapidjson::Value> values;

  const rapidjson::Value* Add(rapidjson::Value value) {
    values.push_back(std::move(value));
    return &values.back();
  }
};

// A parsed template: text and {actions} in order. Copies share the literals.
struct Template {
  NodeList root;
  std::shared_ptr<const Literals> literals;
};

}  // namespace kube::jsonpath
