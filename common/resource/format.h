#pragma once

namespace kube::resource {

// How a Quantity is written out; parsing remembers the family of its suffix.
enum class Format {
  kDecimalExponent,  // "12e6", "5e-3"
  kBinarySI,         // "12Mi" (12 * 2^20)
  kDecimalSI,        // "12M" (12 * 10^6), "500m"
};

}  // namespace kube::resource
