# jail.cmake - run every compile, link and custom command of a CMake
# project under jailsh, without editing the project:
#
#   cmake -S . -B build -DCMAKE_PROJECT_INCLUDE=/path/to/jail.cmake \
#         [-DJAILSH=/path/to/jailsh] [-DJAIL_OPTIONS="--net;connect:8000"]
#
# Works with the Ninja and the Makefile generators. Each command gets its
# own jail; its working directory (the build tree) is writable. Shell
# syntax in a custom command (>, |, &&) is run by the generator's shell
# outside the jail: jail the whole build (jailsh -- cmake --build build)
# when custom commands need it.
set(JAILSH "jailsh" CACHE FILEPATH "the jailsh program")
set(JAIL_OPTIONS "" CACHE STRING "jailsh options for every command, a ;-list")

set(_jail_launcher "${JAILSH}" ${JAIL_OPTIONS} "--")
foreach(_lang C CXX)
  set(CMAKE_${_lang}_COMPILER_LAUNCHER "${_jail_launcher}")
  set(CMAKE_${_lang}_LINKER_LAUNCHER "${_jail_launcher}")
endforeach()

# RULE_LAUNCH_CUSTOM is one string put before each custom command.
list(JOIN _jail_launcher " " _jail_launch_string)
set_property(GLOBAL PROPERTY RULE_LAUNCH_CUSTOM "${_jail_launch_string}")
