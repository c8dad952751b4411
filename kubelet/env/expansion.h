#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kube::kubelet {

// Upstream's $(VAR) expansion (command, args and env values): "$(NAME)" becomes
// the variable's value when `lookup` knows it and stays as written otherwise;
// "$$" is a literal "$"; any other "$" is kept.
std::string ExpandReferences(
    std::string_view input,
    const std::function<std::optional<std::string>(std::string_view)>& lookup);

}  // namespace kube::kubelet
