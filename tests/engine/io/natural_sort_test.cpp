#include "engine/io/natural_sort.hpp"

#include <gtest/gtest.h>

namespace likeness::io {
namespace {

TEST(NaturalSort, NumbersCompareByValue) {
    std::vector<std::string> v = {"f10.png",
                                  "f2.png",
                                  "f1.png",
                                  "f01.png",
                                  "g.png",
                                  "f100.png",
                                  "f99999999999999999999999.png"};
    natural_sort(v);
    EXPECT_EQ(v, (std::vector<std::string>{"f01.png", "f1.png", "f2.png", "f10.png", "f100.png",
                                           "f99999999999999999999999.png", "g.png"}));
}

TEST(NaturalSort, IsAStrictWeakOrder) {
    const std::vector<std::string> v = {"a", "a1", "a01", "a1b", "a1a", "", "1", "01", "b2c10"};
    for (const auto& x : v) {
        EXPECT_FALSE(natural_less(x, x)) << x;
        for (const auto& y : v) {
            if (x != y) {
                EXPECT_NE(natural_less(x, y), natural_less(y, x)) << x << " " << y;
            }
        }
    }
}

}  // namespace
}  // namespace likeness::io
