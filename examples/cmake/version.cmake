# version.cmake - cmake -DIN=motd.txt -DOUT=version.h -P version.cmake
file(STRINGS "${IN}" motd LIMIT_COUNT 1)
string(REPLACE "\"" "'" motd "${motd}")
file(WRITE "${OUT}" "#define GREET_VERSION \"1.0 (${motd})\"\n")
