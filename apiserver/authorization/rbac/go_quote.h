#pragma once

// Go's fmt "%q", which upstream's RBAC messages use for names and lists; kubectl
// users and scripts match on that text.

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

namespace kube::apiserver::rbac {

// strconv.Quote: "a\"b", with \n, \t, \x.. and \u.... escapes.
std::string GoQuote(std::string_view value);

// "%q" of a []string: ["a" "b"], [] when empty.
std::string GoQuoteList(const google::protobuf::RepeatedPtrField<std::string>& values);
std::string GoQuoteList(const std::vector<std::string>& values);

}  // namespace kube::apiserver::rbac
