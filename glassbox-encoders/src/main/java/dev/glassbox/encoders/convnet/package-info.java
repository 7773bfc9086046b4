/**
 * Image towers trained by Glassbox itself (small convolutional networks aligned to a frozen text
 * tower), loaded from an architecture JSON and safetensors weights and run in plain Java.
 */
package dev.glassbox.encoders.convnet;
