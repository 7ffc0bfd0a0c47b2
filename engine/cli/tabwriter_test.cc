#include "engine/cli/tabwriter.h"

#include <gtest/gtest.h>

namespace strata::cli {
namespace {

TEST(Tabwriter, AlignsColumnsLikeDockersTables) {
  EXPECT_EQ(tabwrite("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n"
                     "hello-app\t1.0\t0123456789ab\t2 minutes ago\t7.8kB\n"),
            "REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\n"
            "hello-app    1.0       0123456789ab   2 minutes ago   7.8kB\n");
}

TEST(Tabwriter, AHeaderAloneKeepsTheMinimumWidth) {
  EXPECT_EQ(tabwrite("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n"),
            "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n");
}

TEST(Tabwriter, ColumnsAreBlocksOfConsecutiveLines) {
  // Go's own example: b and c are in distinct columns, d and e in none.
  EXPECT_EQ(tabwrite("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n", 0, 1),
            "aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n");
}

TEST(Tabwriter, CountsCodePointsNotBytes) {
  EXPECT_EQ(tabwrite("a…\tx\nabc\ty\n", 0, 1), "a…  x\nabc y\n");
}

}  // namespace
}  // namespace strata::cli
