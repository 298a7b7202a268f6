/** Gerbang: one Vert.x server for everything behind an app's login screen. */
@ModuleGen(name = "gerbang", groupPackage = "dev.gerbang")
package dev.gerbang;

import io.vertx.codegen.annotations.ModuleGen;
