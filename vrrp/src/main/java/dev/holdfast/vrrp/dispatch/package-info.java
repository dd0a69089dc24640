/**
 * From received bytes to the right instance: peek at the VRID, decode with that instance's rules, hand the
 * advert over, count whatever is refused on the way. Still pure logic; the socket code feeds it. Depends on
 * {@code packet} and {@code state}.
 */
package dev.holdfast.vrrp.dispatch;
