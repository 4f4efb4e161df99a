/* SPDX-License-Identifier: MIT */
/* greet.c - the program every example builds. */
#include <stdio.h>

#include "version.h"

int main(void)
{
	printf("greet %s\n", GREET_VERSION);
	return 0;
}
